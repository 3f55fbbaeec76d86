import dgram from 'node:dgram';
import net from 'node:net';

/**
Fake DNS server modes: well-behaved failures (`servfail`, `refused`, `nxdomain`, `drop`, `slow:MS`,
`lose-first:IP`: the first query for each name is lost, every later one answered at once) and hostile replies (`wrong-id`, `cut-off`, `compression-loop`, `not-response`, `oversized`, `tc`,
`no-recursion`, `sinkhole`). `answer:IP` answers every A query with IP. `upward` answers every query
with a referral to the root (NOERROR, no answer, one NS record for "." in the authority section), as a
server that does not host the zone asked about answers a query without recursion. `bad-referral`
answers with a referral whose NS record says its data is 2 bytes long and holds a 7-byte name.
*/
export type FakeDnsMode = string;

function questionEnd(query: Buffer): number {
	let index = 12;
	// Bounded by the query length: a malformed query ends the walk.
	while (index < query.length && query[index] !== 0) {
		index += query[index]! + 1;
	}

	return Math.min(index + 5, query.length);
}

function answerRecord(ip: string, ttl = 30): Buffer {
	const record = Buffer.alloc(16);
	record.writeUInt16BE(0xc0_0c, 0);
	record.writeUInt16BE(1, 2);
	record.writeUInt16BE(1, 4);
	record.writeUInt32BE(ttl, 6);
	record.writeUInt16BE(4, 10);
	for (const [index, octet] of ip.split('.').entries()) {
		record[12 + index] = Number(octet);
	}

	return record;
}

/** Builds the reply a mode calls for, written byte by byte (not with the codec under test). */
export function fakeReply(query: Buffer, mode: FakeDnsMode): Buffer | undefined {
	const [kind = 'servfail', first, second] = mode.split(':');
	const end = questionEnd(query);
	const header = Buffer.from(query.subarray(0, 12));
	const question = query.subarray(12, end);
	const build = (rcode: number, answers: Buffer[], flags: {ra?: boolean; tc?: boolean; qr?: boolean} = {}) => {
		header[2] = (flags.qr === false ? 0 : 0x80) | (flags.tc ? 0x02 : 0) | (query[2]! & 0x01);
		header[3] = (flags.ra === false ? 0 : 0x80) | rcode;
		header.writeUInt16BE(1, 4);
		header.writeUInt16BE(answers.length, 6);
		header.writeUInt32BE(0, 8);
		return Buffer.concat([header, question, ...answers]);
	};

	switch (kind) {
		case 'drop': {
			return undefined;
		}

		case 'answer':
		case 'lose-first':
		case 'slow': {
			return build(0, [answerRecord((kind === 'slow' ? second : first) ?? '10.200.2.15')]);
		}

		case 'nxdomain': {
			return build(3, []);
		}

		case 'refused': {
			return build(5, [], {ra: false});
		}

		case 'sinkhole': {
			return build(0, [answerRecord('0.0.0.0')]);
		}

		case 'no-recursion': {
			return build(0, [answerRecord(first ?? '10.200.2.15')], {ra: false});
		}

		case 'upward': {
			// Authority: owner "." (one zero byte), type NS, class IN, TTL 518400, data a.root-servers.net.
			const target = Buffer.from('\u0001a\u000croot-servers\u0003net\u0000', 'latin1');
			const fixed = Buffer.from([0, 0, 2, 0, 1, 0, 7, 0xe9, 0, 0, target.length]);
			const reply = build(0, [], {ra: false});
			reply.writeUInt16BE(1, 8);
			return Buffer.concat([reply, fixed, target]);
		}

		case 'bad-referral': {
			// Authority: owner = the question's name (pointer to byte 12), NS, IN, TTL 60, RDLENGTH 2, then a 7-byte name.
			const record = Buffer.from([0xc0, 12, 0, 2, 0, 1, 0, 0, 0, 60, 0, 2, 5, 0x61, 0x62, 0x63, 0x64, 0x65, 0]);
			const reply = build(0, [], {ra: false});
			reply.writeUInt16BE(1, 8);
			return Buffer.concat([reply, record]);
		}

		case 'tc': {
			return build(0, [], {tc: true});
		}

		case 'not-response': {
			return build(0, [answerRecord('10.200.2.15')], {qr: false});
		}

		case 'wrong-id': {
			const reply = build(0, [answerRecord('10.200.2.15')]);
			reply.writeUInt16BE((reply.readUInt16BE(0) + 1) & 0xff_ff, 0);
			return reply;
		}

		case 'cut-off': {
			// Claims one answer but stops in the middle of it.
			return build(0, [answerRecord('10.200.2.15')]).subarray(0, end + 7);
		}

		case 'compression-loop': {
			// The answer's name is a pointer to itself.
			const reply = build(0, [answerRecord('10.200.2.15')]);
			reply.writeUInt16BE(0xc0_00 | end, end);
			return reply;
		}

		case 'oversized': {
			return build(0, Array.from({length: 40}, (_, index) => answerRecord(`10.200.2.${index + 1}`)));
		}

		default: {
			return build(2, []);
		}
	}
}

function delayOf(mode: FakeDnsMode): number {
	const [kind, first] = mode.split(':');
	return kind === 'slow' ? Number(first) : 0;
}

export type FakeDnsServer = {port: number; close: () => Promise<void>};

/** Starts a fake DNS server on UDP and TCP at host:port (port 0 picks one; UDP and TCP then share it); UDP replies leave from `replyFrom` when set. */
export async function startFakeDns(host: string, port: number, mode: FakeDnsMode, tcpMode: FakeDnsMode = mode, replyFrom?: string): Promise<FakeDnsServer> {
	const udp = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
	// A server that answers from another of its addresses (as asymmetric routing or a NAT makes it look).
	const sender = replyFrom ? dgram.createSocket(net.isIPv6(replyFrom) ? 'udp6' : 'udp4') : udp;
	if (replyFrom) {
		await new Promise<void>((resolve, reject) => {
			sender.once('error', reject);
			sender.bind(port, replyFrom, () => resolve());
		});
	}

	const timers = new Set<NodeJS.Timeout>();
	const later = (ms: number, action: () => void) => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			action();
		}, ms);
		timers.add(timer);
	};

	// `lose-first`: the names already asked once (over either transport). Losing a query is an event, not a delay,
	// so a test of "the first query timed out, the second was answered" holds on a loaded machine.
	const askedOnce = new Set<string>();
	const lost = (query: Buffer, queryMode: FakeDnsMode) => {
		if (!queryMode.startsWith('lose-first')) {
			return false;
		}

		const name = query.subarray(12, questionEnd(query)).toString('latin1').toLowerCase();
		if (askedOnce.has(name) || askedOnce.size > 10_000) {
			return false;
		}

		askedOnce.add(name);
		return true;
	};

	udp.on('message', (query, remote) => {
		const reply = lost(query, mode) ? undefined : fakeReply(query, mode);
		if (reply) {
			later(delayOf(mode), () => sender.send(reply, remote.port, remote.address));
		}
	});
	await new Promise<void>((resolve, reject) => {
		udp.once('error', reject);
		udp.bind(port, host, () => resolve());
	});
	const boundPort = udp.address().port;
	const sockets = new Set<net.Socket>();
	const tcp = net.createServer(socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		let pending = Buffer.alloc(0);
		socket.on('data', chunk => {
			pending = Buffer.concat([pending, chunk]);
			if (pending.length < 2 || pending.length < 2 + pending.readUInt16BE(0)) {
				return;
			}

			const query = pending.subarray(2, 2 + pending.readUInt16BE(0));
			const reply = lost(query, tcpMode) ? undefined : fakeReply(query, tcpMode);
			if (reply) {
				const prefix = Buffer.alloc(2);
				// A cut-off reply over TCP: the prefix promises more than is sent, then the server hangs up.
				prefix.writeUInt16BE(tcpMode === 'cut-off' ? reply.length + 10 : reply.length, 0);
				later(delayOf(tcpMode), () => socket.end(Buffer.concat([prefix, reply])));
			}
		});
	});
	await new Promise<void>((resolve, reject) => {
		tcp.once('error', reject);
		tcp.listen(boundPort, host, () => resolve());
	});
	return {
		port: boundPort,
		async close() {
			for (const timer of timers) {
				clearTimeout(timer);
			}

			for (const socket of sockets) {
				socket.destroy();
			}

			udp.close();
			if (sender !== udp) {
				sender.close();
			}

			await new Promise<void>(resolve => tcp.close(() => resolve()));
		},
	};
}
