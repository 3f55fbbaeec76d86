import net from 'node:net';
import tls from 'node:tls';
import {bodyOf} from '../http/body.js';
import {maxHeadBytes, parseHttpHead, proxyMarkers, type HttpHead} from '../http/parse-head.js';
import {describeChain, type CertificateInfo} from '../tls/certificate.js';
import {secureContextFor} from '../tls/trust.js';
import type {ProbeRecord} from '../types.js';
import {elapsed, settleOnce} from './settle.js';

export type WebScheme = 'https' | 'http' | 'tcp';

export type WebProbeOptions = {
	/** The IP to connect to (already resolved through the forwarders). */
	address: string;
	port: number;
	/** The name: TLS SNI, identity check and HTTP Host header. */
	hostname: string;
	scheme: WebScheme;
	extraCaPem: readonly string[];
	timeoutMs: number;
	signal: AbortSignal;
	/**
	Send one HTTP request after connecting (and after TLS for https). `CONNECT` asks an explicit proxy
	for a tunnel: `path` is then the target's `host:port`, which is also sent as the Host header.
	*/
	http?: {method: 'HEAD' | 'GET' | 'CONNECT'; path: string; readBody?: number};
};

/** The TLS layer: the handshake, chain verification against the trust store, identity, validity dates. */
export type TlsProbeRecord = ProbeRecord & {
	hostname: string;
	handshake: boolean;
	protocol?: string;
	/** Chain verification error (`SELF_SIGNED_CERT_IN_CHAIN`, `CERT_HAS_EXPIRED`, …); absent when the chain verified. */
	chainError?: string;
	/** `tls.checkServerIdentity` result code when the certificate is not for `hostname`. */
	identityError?: string;
	identityReason?: string;
	expired?: boolean;
	notYetValid?: boolean;
	/** The presented chain, leaf first. */
	chain?: CertificateInfo[];
	/** Fields of the presented certificates that could not be read (a malformed certificate), leaf first. */
	unreadable?: string[];
	/** A handshake that did not finish: bytes our side sent (the ClientHello) and bytes that came back. */
	bytesSent?: number;
	bytesReceived?: number;
	/** Issuer of every presented certificate, leaf first: the names an operator looks for. */
	issuers?: string[];
};

export type HttpProbeRecord = ProbeRecord & {status?: number; reason?: string; server?: string; proxyMarkers?: string[]; contentType?: string; body?: string; bodyTruncated?: boolean};

export type WebProbeResult = {tcp: ProbeRecord; tls?: TlsProbeRecord; http?: HttpProbeRecord};

function authority(host: string, port: number): string {
	return `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/**
Opens one connection and walks the layers on it: TCP connect, TLS handshake (SNI, verification with
system roots + extra CAs, identity checked by us), then one HTTP request. Records each layer reached;
the layer in progress when the deadline or abort hits gets `TIMEOUT` / `ABORTED`. Never rejects.
*/
export async function probeWeb(options: WebProbeOptions): Promise<WebProbeResult> {
	const {address, port, hostname, scheme, timeoutMs, signal} = options;
	const started = performance.now();
	let phase: 'tcp' | 'tls' | 'http' = 'tcp';
	let phaseStarted = started;
	let localAddress: string | undefined;
	const out: {tcp?: ProbeRecord; tls?: TlsProbeRecord; http?: HttpProbeRecord} = {};
	const common = () => ({durationMs: elapsed(phaseStarted), ...(localAddress ? {localAddress} : {})});
	const httpTarget = `${scheme === 'tcp' ? 'http' : scheme}://${authority(hostname, port)}${options.http?.path ?? '/'}`;
	const tlsTarget = `tls://${hostname}@${authority(address, port)}`;
	const failPhase = (code: string): WebProbeResult => {
		// The kernel picks the source address at connect(), so it is known even when the SYN is dropped.
		localAddress ??= raw?.localAddress;
		if (phase === 'tcp') {
			out.tcp = {target: `tcp://${authority(address, port)}`, kind: 'tcp', ok: false, errorCode: code, ...common()};
		} else if (phase === 'tls') {
			// What crossed the wire tells a silent peer from a path that drops large packets (see judgeTls).
			const bytes = raw ? {bytesSent: raw.bytesWritten, bytesReceived: raw.bytesRead} : {};
			out.tls = {target: tlsTarget, kind: 'tls', ok: false, hostname, handshake: false, errorCode: code, ...bytes, ...common()};
		} else {
			out.http = {target: httpTarget, kind: 'http', ok: false, errorCode: code, ...common()};
		}

		return out as WebProbeResult;
	};

	let raw: net.Socket | undefined;
	let secure: tls.TLSSocket | undefined;
	return settleOnce<WebProbeResult>(
		{
			timeoutMs,
			signal,
			onTimeout: () => failPhase('TIMEOUT'),
			onAbort: () => failPhase('ABORTED'),
			onError: code => failPhase(code),
			cleanup() {
				secure?.destroy();
				raw?.destroy();
			},
		},
		(finish, guard) => {
			const onError = (error: NodeJS.ErrnoException) => {
				finish(failPhase(error.code ?? error.message));
			};

			const sendHttp = (socket: net.Socket) => {
				if (!options.http) {
					finish(out as WebProbeResult);
					return;
				}

				phase = 'http';
				phaseStarted = performance.now();
				let head = '';
				const bodyCap = options.http.readBody ?? 0;
				const defaultPort = scheme === 'https' ? 443 : 80;
				const host = options.http.method === 'CONNECT' ? options.http.path : port === defaultPort ? hostname : authority(hostname, port);
				const record = (parsed: HttpHead, body?: {text: string; truncated: boolean}): HttpProbeRecord => ({
					target: httpTarget, kind: 'http', ok: true, status: parsed.status, reason: parsed.reason,
					...(parsed.headers.server ? {server: parsed.headers.server} : {}), proxyMarkers: proxyMarkers(parsed),
					...(body ? {contentType: parsed.headers['content-type'] ?? '', body: body.text, ...(body.truncated ? {bodyTruncated: true} : {})} : {}),
					...common(),
				});
				let parsedHead: HttpHead | undefined;
				socket.on('data', guard((chunk: Buffer) => {
					head += chunk.toString('latin1');
					if (parsedHead) {
						// Reading a bounded body: stop at the cap, or when the server closes (Connection: close).
						if (head.length - head.indexOf('\r\n\r\n') - 4 >= bodyCap) {
							out.http = record(parsedHead, bodyOf(parsedHead, head, bodyCap));
							finish(out as WebProbeResult);
						}

						return;
					}

					if (head.includes('\r\n\r\n') || head.length > maxHeadBytes) {
						const parsed = parseHttpHead(head.slice(0, maxHeadBytes));
						if (parsed && bodyCap > 0 && head.includes('\r\n\r\n')) {
							parsedHead = parsed;
							return;
						}

						out.http = parsed ? record(parsed) : {target: httpTarget, kind: 'http', ok: false, errorCode: 'NOT_HTTP', ...common()};
						finish(out as WebProbeResult);
					}
				}));
				socket.on('close', () => {
					if (parsedHead) {
						out.http = record(parsedHead, bodyOf(parsedHead, head, bodyCap));
						finish(out as WebProbeResult);
						return;
					}

					finish(failPhase(head.length > 0 ? 'NOT_HTTP' : 'CLOSED_WITHOUT_RESPONSE'));
				});
				socket.write(`${options.http.method} ${options.http.path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: azs-runbook\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
			};

			raw = net.connect({host: address, port, autoSelectFamily: false});
			// Node issues connect() on the next tick; right after it the source address is bound and
			// readable, even if a reset or ICMP error then destroys the socket before 'connect'.
			process.nextTick(() => {
				localAddress ??= raw?.localAddress;
			});
			raw.on('error', onError);
			raw.once('connect', guard(() => {
				localAddress = raw!.localAddress;
				out.tcp = {target: `tcp://${authority(address, port)}`, kind: 'tcp', ok: true, ...common()};
				if (scheme === 'tcp') {
					finish(out as WebProbeResult);
					return;
				}

				if (scheme === 'http') {
					sendHttp(raw!);
					return;
				}

				phase = 'tls';
				phaseStarted = performance.now();
				const secureContext = secureContextFor(options.extraCaPem);
				secure = tls.connect({socket: raw, ...(net.isIP(hostname) ? {} : {servername: hostname}), ...(secureContext ? {secureContext} : {}), rejectUnauthorized: false, ALPNProtocols: ['http/1.1']});
				secure.on('error', onError);
				secure.once('secureConnect', guard(() => {
					const peer = secure!.getPeerCertificate(true);
					const chain = describeChain(peer);
					const leaf = chain[0];
					const now = Date.now();
					const identity = tls.checkServerIdentity(hostname, peer) as (Error & {code?: string}) | undefined;
					// Node folds its own identity check into authorizationError; keep the chain verdict apart.
					const authError = secure!.authorized ? undefined : String(secure!.authorizationError);
					const chainError = authError === 'ERR_TLS_CERT_ALTNAME_INVALID' ? undefined : authError;
					const expired = leaf?.validTo ? Date.parse(leaf.validTo) < now : undefined;
					const notYetValid = leaf?.validFrom ? Date.parse(leaf.validFrom) > now : undefined;
					const unreadable = chain.flatMap(cert => cert.unreadable ?? []);
					out.tls = {
						target: tlsTarget,
						kind: 'tls',
						ok: !chainError && !identity && !expired && !notYetValid && unreadable.length === 0,
						hostname,
						handshake: true,
						protocol: secure!.getProtocol() ?? undefined,
						...(chainError ? {chainError} : {}),
						...(identity ? {identityError: identity.code ?? 'ERR_TLS_CERT_ALTNAME_INVALID', identityReason: identity.message} : {}),
						...(expired ? {expired} : {}),
						...(notYetValid ? {notYetValid} : {}),
						...(unreadable.length > 0 ? {unreadable} : {}),
						chain,
						issuers: chain.map(cert => cert.issuer),
						...common(),
					};
					sendHttp(secure!);
				}));
			}));
		},
	);
}
