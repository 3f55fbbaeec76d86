import {randomInt} from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import {maxUdpReplyBytes} from '../dns/constants.js';
import {DnsDecodeError, decodeMessage, type DnsAnswer, type DnsMessage} from '../dns/decode.js';
import {encodeQuery} from '../dns/encode.js';
import {createTcpReader, frameTcp} from '../dns/framing.js';
import type {ProbeRecord} from '../types.js';
import {elapsed, settleOnce} from './settle.js';
import {connectUdp} from './udp-connect.js';

export type DnsTransport = 'udp' | 'tcp';
export type DnsQueryType = 'A' | 'AAAA' | 'NS' | 'SOA';

/** Queries about a zone (NS, SOA) record every section: a referral lives in the authority and additional sections. */
function asksAboutZone(type: DnsQueryType): boolean {
	return type === 'NS' || type === 'SOA';
}

export type DnsProbeOptions = {
	server: string;
	port: number;
	name: string;
	/** A and AAAA resolve a name; NS and SOA (with `recursionDesired: false`) ask a zone's servers about the zone. */
	type?: DnsQueryType;
	/** Default true: a forwarder must recurse. False asks a server only what it knows itself (a parent zone's referral, an authoritative answer). */
	recursionDesired?: boolean;
	transport: DnsTransport;
	timeoutMs: number;
	signal: AbortSignal;
	/**
	UDP only: send from an unconnected socket, which accepts a reply from any address and records where
	it came from (`replyFrom`). A connected socket (the default) sees ICMP errors but silently drops a
	reply from another address, so a server answering from elsewhere looks like silence.
	*/
	unconnected?: boolean;
};

/**
A DNS probe's record. `errorCode` is a transport error (`TIMEOUT`, `ECONNREFUSED`), a reply-validation
error (`ID_MISMATCH`, `NOT_A_RESPONSE`, `TRUNCATED_MESSAGE`, `COMPRESSION_LOOP`, …), the response code
when it is not NOERROR (`NXDOMAIN`, `SERVFAIL`, `REFUSED`) or `NODATA` (NOERROR without addresses).
*/
export type DnsProbeRecord = ProbeRecord & {
	server: string;
	port: number;
	transport: DnsTransport;
	name: string;
	qtype: string;
	rcode?: string;
	/** Recursion available, as the server claims it. */
	ra?: boolean;
	/** Truncated: the server says the answer did not fit (the client should retry over TCP). */
	tc?: boolean;
	aa?: boolean;
	/** Every answer record, `name TYPE data`, CNAMEs included. */
	answers?: string[];
	/** The addresses of the asked type, in answer order. */
	addresses?: string[];
	replyBytes?: number;
	/** A UDP reply larger than 512 bytes to a query without EDNS: a protocol violation. */
	oversized?: boolean;
	/** TCP only: whether the connection opened (a timeout before that is a dropped SYN). */
	connected?: boolean;
	/** Unconnected UDP only: the address the reply came from (not necessarily the server asked). */
	replyFrom?: string;
	unconnected?: boolean;
	/** Set (false) when the query asked for no recursion. */
	recursionDesired?: boolean;
	/** NS and SOA queries: the three sections, as decoded (names untrusted: escape before showing). */
	answerRecords?: DnsAnswer[];
	authority?: DnsAnswer[];
	additional?: DnsAnswer[];
};

/** Checks a decoded reply against the query and turns it into record fields. */
export function interpretReply(message: DnsMessage, id: number, type: string): Partial<DnsProbeRecord> & {ok: boolean} {
	if (message.id !== id) {
		return {ok: false, errorCode: 'ID_MISMATCH'};
	}

	if (!message.flags.qr) {
		return {ok: false, errorCode: 'NOT_A_RESPONSE'};
	}

	const addresses = message.answers.filter(answer => answer.type === type).map(answer => answer.data);
	const fields = {
		rcode: message.flags.rcodeName,
		ra: message.flags.ra,
		tc: message.flags.tc,
		aa: message.flags.aa,
		answers: message.answers.map(answer => `${answer.name} ${answer.type} ${answer.data}`),
		addresses,
		...(asksAboutZone(type as DnsQueryType) ? {answerRecords: message.answers, authority: message.authority, additional: message.additional} : {}),
	};
	if (message.flags.rcode !== 0) {
		return {ok: false, errorCode: message.flags.rcodeName, ...fields};
	}

	return addresses.length > 0 ? {ok: true, ...fields} : {ok: false, errorCode: message.flags.tc ? 'TRUNCATED' : 'NODATA', ...fields};
}

function decodeReply(reply: Buffer, id: number, type: string): Partial<DnsProbeRecord> & {ok: boolean} {
	try {
		return interpretReply(decodeMessage(reply), id, type);
	} catch (error) {
		if (error instanceof DnsDecodeError) {
			return {ok: false, errorCode: error.code};
		}

		throw error;
	}
}

/**
Sends one query to one server over UDP or TCP and records what came back. Never rejects.
UDP uses a connected socket, so an ICMP port unreachable surfaces as `ECONNREFUSED` instead of a timeout.
*/
export async function probeDns(options: DnsProbeOptions): Promise<DnsProbeRecord> {
	const {server, port, name, transport, timeoutMs, signal} = options;
	const type = options.type ?? 'A';
	const id = randomInt(0, 0x1_00_00);
	const recursionDesired = options.recursionDesired ?? true;
	const query = encodeQuery({id, name, type, recursionDesired});
	const family = net.isIPv6(server) ? 6 : 4;
	const base = {server, port, transport, name, qtype: type, kind: `dns-${transport}`, ...(recursionDesired ? {} : {recursionDesired})};
	const target = `${transport}://${family === 6 ? `[${server}]` : server}:${port} ${name} ${type}`;
	const started = performance.now();
	let localAddress: string | undefined;
	let connected = false;
	const record = (fields: Partial<DnsProbeRecord> & {ok: boolean}): DnsProbeRecord => {
		// The kernel picks the source address at connect(), so it is known even when the SYN is dropped.
		localAddress ??= tcp?.localAddress;
		return {
			target,
			...base,
			durationMs: elapsed(started),
			...(localAddress ? {localAddress} : {}),
			...(transport === 'tcp' ? {connected} : {}),
			...fields,
		};
	};

	let udp: dgram.Socket | undefined;
	let tcp: net.Socket | undefined;
	return settleOnce<DnsProbeRecord>(
		{
			timeoutMs,
			signal,
			onTimeout: () => record({ok: false, errorCode: 'TIMEOUT', ...(options.unconnected ? {unconnected: true} : {})}),
			onAbort: () => record({ok: false, errorCode: 'ABORTED', ...(options.unconnected ? {unconnected: true} : {})}),
			onError: code => record({ok: false, errorCode: code}),
			cleanup() {
				tcp?.destroy();
				try {
					udp?.close();
				} catch {
					// Already closed: nothing left to release.
				}
			},
		},
		finish => {
			if (transport === 'udp' && options.unconnected) {
				udp = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
				const socket = udp;
				socket.on('error', (error: NodeJS.ErrnoException) => {
					finish(record({ok: false, errorCode: error.code ?? error.message, unconnected: true}));
				});
				// The first datagram decides, from whichever address it came: it is judged like any reply.
				socket.on('message', (reply, remote) => {
					finish(record({...decodeReply(reply, id, type), replyBytes: reply.length, replyFrom: remote.address, unconnected: true}));
				});
				socket.send(query, port, server, error => {
					if (error) {
						finish(record({ok: false, errorCode: (error as NodeJS.ErrnoException).code ?? error.message, unconnected: true}));
					}
				});
				return;
			}

			if (transport === 'udp') {
				udp = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
				const socket = udp;
				socket.on('error', (error: NodeJS.ErrnoException) => {
					finish(record({ok: false, errorCode: error.code ?? error.message}));
				});
				socket.on('message', reply => {
					const oversized = reply.length > maxUdpReplyBytes;
					finish(record({...decodeReply(reply, id, type), replyBytes: reply.length, ...(oversized ? {oversized} : {})}));
				});
				connectUdp(socket, port, server, error => {
					if (error) {
						finish(record({ok: false, errorCode: error.code ?? error.message}));
						return;
					}

					localAddress = socket.address().address;
					socket.send(query);
				});
				return;
			}

			tcp = net.connect({host: server, port, autoSelectFamily: false});
			const socket = tcp;
			// The source address is bound once Node issues connect() on the next tick: keep it for failures too.
			process.nextTick(() => {
				localAddress ??= socket.localAddress;
			});
			const reader = createTcpReader();
			socket.on('connect', () => {
				connected = true;
				localAddress = socket.localAddress;
				socket.write(frameTcp(query));
			});
			socket.on('data', chunk => {
				const reply = reader.push(chunk);
				if (reply) {
					finish(record({...decodeReply(reply, id, type), replyBytes: reply.length}));
				}
			});
			socket.on('error', (error: NodeJS.ErrnoException) => {
				finish(record({ok: false, errorCode: error.code ?? error.message}));
			});
			socket.on('close', () => {
				// Closed before a whole message: a cut-off reply when bytes came, else the server hung up.
				finish(record({ok: false, errorCode: reader.received > 0 ? 'TRUNCATED_MESSAGE' : 'CLOSED_WITHOUT_REPLY'}));
			});
		},
	);
}
