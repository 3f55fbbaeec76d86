import dgram from 'node:dgram';
import net from 'node:net';
import {decodeReply, encodeRequest, offsetAndDelay} from '../ntp/packet.js';
import type {ProbeRecord} from '../types.js';
import {elapsed, settleOnce} from './settle.js';
import {connectUdp} from './udp-connect.js';

export type NtpSampleOptions = {
	server: string;
	port: number;
	timeoutMs: number;
	signal: AbortSignal;
	/** Send from an unconnected socket that accepts a reply from any address and records it (`replyFrom`). */
	unconnected?: boolean;
};

/** One SNTP exchange: the server's fields, offset and delay, or why the reply was not usable. */
export type NtpProbeRecord = ProbeRecord & {
	server: string;
	port: number;
	leapIndicator?: number;
	version?: number;
	/** The reply's NTP mode (4 = server); recorded when the reply is refused, e.g. 3 for an echo of our request. */
	mode?: number;
	stratum?: number;
	referenceId?: string;
	kissCode?: string;
	precision?: number;
	rootDelayMs?: number;
	rootDispersionMs?: number;
	offsetMs?: number;
	delayMs?: number;
	/** The server's transmit time, ISO 8601, for the operator to compare with a watch. */
	serverTime?: string;
	/** Unconnected only: the address the reply came from (not necessarily the server asked). */
	replyFrom?: string;
	unconnected?: boolean;
};

/** Wall-clock now with sub-millisecond resolution, so short round trips do not round to zero. */
function nowMs(): number {
	return performance.timeOrigin + performance.now();
}

/**
Sends one SNTP request over a connected UDP socket (ICMP port unreachable → `ECONNREFUSED`) and
validates the reply: length ≥ 48, mode 4, version 3–4, origin = our transmit timestamp.
A Kiss-o'-Death (stratum 0 with a code) is `KISS_OF_DEATH`. Never rejects.
*/
export async function probeNtpSample(options: NtpSampleOptions): Promise<NtpProbeRecord> {
	const {server, port, timeoutMs, signal} = options;
	const target = `udp://${net.isIPv6(server) ? `[${server}]` : server}:${port}`;
	const started = performance.now();
	let localAddress: string | undefined;
	let replyFrom: string | undefined;
	const record = (fields: Partial<NtpProbeRecord> & {ok: boolean}): NtpProbeRecord => ({
		target,
		kind: 'ntp',
		server,
		port,
		durationMs: elapsed(started),
		...(localAddress ? {localAddress} : {}),
		...(options.unconnected ? {unconnected: true} : {}),
		...(replyFrom ? {replyFrom} : {}),
		...fields,
	});
	let socket: dgram.Socket | undefined;
	return settleOnce<NtpProbeRecord>(
		{
			timeoutMs,
			signal,
			onTimeout: () => record({ok: false, errorCode: 'TIMEOUT'}),
			onAbort: () => record({ok: false, errorCode: 'ABORTED'}),
			onError: code => record({ok: false, errorCode: code}),
			cleanup() {
				try {
					socket?.close();
				} catch {
					// Already closed.
				}
			},
		},
		finish => {
			socket = dgram.createSocket(net.isIPv6(server) ? 'udp6' : 'udp4');
			const udp = socket;
			let sentAt = 0;
			let transmit: Buffer = Buffer.alloc(8);
			udp.on('error', (error: NodeJS.ErrnoException) => {
				finish(record({ok: false, errorCode: error.code ?? error.message}));
			});
			udp.on('message', (message, remote) => {
				const receivedAt = nowMs();
				if (options.unconnected) {
					replyFrom = remote.address;
				}

				const decoded = decodeReply(message, transmit);
				if (!decoded.ok) {
					// The reply's own mode and version, so the verdict can say "it echoed our request (mode 3)".
					const header = message.length > 0 ? {mode: message[0]! & 0x7, version: (message[0]! >> 3) & 0x7} : {};
					finish(record({ok: false, errorCode: decoded.error, replyBytes: message.length, ...header}));
					return;
				}

				const {reply} = decoded;
				const timing = offsetAndDelay(sentAt, reply.receiveMs, reply.transmitMs, receivedAt);
				const fields = {
					leapIndicator: reply.leapIndicator,
					version: reply.version,
					stratum: reply.stratum,
					referenceId: reply.referenceId,
					precision: reply.precision,
					rootDelayMs: Math.round(reply.rootDelayMs * 1000) / 1000,
					rootDispersionMs: Math.round(reply.rootDispersionMs * 1000) / 1000,
				};
				if (reply.kissCode) {
					finish(record({ok: false, errorCode: 'KISS_OF_DEATH', kissCode: reply.kissCode, ...fields}));
					return;
				}

				finish(record({
					ok: true,
					...fields,
					offsetMs: Math.round(timing.offsetMs * 1000) / 1000,
					delayMs: Math.round(Math.max(0, timing.delayMs) * 1000) / 1000,
					serverTime: new Date(reply.transmitMs).toISOString(),
				}));
			});
			if (options.unconnected) {
				// Accepts a reply from any address, to see one that comes back from elsewhere.
				const request = encodeRequest();
				transmit = request.transmit;
				sentAt = nowMs();
				udp.send(request.packet, port, server, error => {
					if (error) {
						finish(record({ok: false, errorCode: (error as NodeJS.ErrnoException).code ?? error.message}));
					}
				});
				return;
			}

			connectUdp(udp, port, server, error => {
				if (error) {
					finish(record({ok: false, errorCode: error.code ?? error.message}));
					return;
				}

				localAddress = udp.address().address;
				const request = encodeRequest();
				transmit = request.transmit;
				sentAt = nowMs();
				udp.send(request.packet);
			});
		},
	);
}

/** Errors after which more samples cannot help: the server is not there or refuses us. */
const final = new Set(['TIMEOUT', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ABORTED', 'KISS_OF_DEATH']);

/**
Takes up to `samples` samples one after another, stopping early when another cannot help.
Each sample goes through `sample` (default: one SNTP exchange on the network).
*/
export async function probeNtp(options: NtpSampleOptions & {samples: number}, sample: (options: NtpSampleOptions) => Promise<NtpProbeRecord> = probeNtpSample): Promise<NtpProbeRecord[]> {
	const records: NtpProbeRecord[] = [];
	for (let index = 0; index < options.samples; index++) {
		const record = await sample(options);
		records.push(record);
		if (!record.ok && final.has(record.errorCode ?? '')) {
			break;
		}
	}

	return records;
}
