import dgram from 'node:dgram';

/**
Fake SNTP server modes: `good:OFFSET_MS` (stratum 2), `unsync` (LI=3, stratum 0), `kod:CODE`,
`short`, `bad-mode`, `bad-origin`, `echo` (sends our request back, as a UDP echo service does),
`silent` (reads and never answers).
*/
export type FakeNtpMode = string;

const ntpEpochOffset = 2_208_988_800;

function writeTimestamp(buffer: Buffer, offset: number, ms: number): void {
	buffer.writeUInt32BE(Math.floor(ms / 1000) + ntpEpochOffset, offset);
	buffer.writeUInt32BE(Math.floor(((ms % 1000) / 1000) * 2 ** 32), offset + 4);
}

/** Builds the reply for a mode, written independently of the project's NTP codec. */
export function fakeNtpReply(request: Buffer, mode: FakeNtpMode): Buffer | undefined {
	const [kind = 'good', argument] = mode.split(':');
	if (kind === 'silent') {
		return undefined;
	}

	if (kind === 'echo') {
		return Buffer.from(request);
	}

	const reply = Buffer.alloc(48);
	const now = Date.now() + (kind === 'good' ? Number(argument ?? 0) : 0);
	reply[0] = (0 << 6) | (4 << 3) | 4;
	reply[1] = 2;
	reply.writeUInt32BE(0x0a_c8_02_01, 12);
	writeTimestamp(reply, 16, now - 1000);
	request.copy(reply, 24, 40, 48);
	writeTimestamp(reply, 32, now);
	writeTimestamp(reply, 40, now);
	switch (kind) {
		case 'unsync': {
			reply[0] = (3 << 6) | (4 << 3) | 4;
			reply[1] = 0;
			reply.writeUInt32BE(0, 12);
			break;
		}

		case 'kod': {
			reply[1] = 0;
			reply.write((argument ?? 'RATE').padEnd(4, '\0'), 12, 'latin1');
			break;
		}

		case 'short': {
			return reply.subarray(0, 40);
		}

		case 'bad-mode': {
			reply[0] = (4 << 3) | 3;
			break;
		}

		case 'bad-origin': {
			reply.writeUInt32BE((reply.readUInt32BE(28) ^ 0xff) >>> 0, 28);
			break;
		}

		default: {
			break;
		}
	}

	return reply;
}

export type FakeNtpServer = {port: number; close: () => Promise<void>};

/** Starts a fake SNTP server on UDP host:port (0 picks a port); replies leave from `replyFrom` when set. */
export async function startFakeNtp(host: string, port: number, mode: FakeNtpMode, replyFrom?: string): Promise<FakeNtpServer> {
	const bind = async (socket: dgram.Socket, address: string, at: number) => new Promise<void>((resolve, reject) => {
		socket.once('error', reject);
		socket.bind(at, address, () => resolve());
	});
	const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
	// A server that answers from another of its addresses (as asymmetric routing or a NAT makes it look).
	const sender = replyFrom ? dgram.createSocket(replyFrom.includes(':') ? 'udp6' : 'udp4') : socket;
	socket.on('message', (request, remote) => {
		const reply = fakeNtpReply(request, mode);
		if (reply) {
			sender.send(reply, remote.port, remote.address);
		}
	});
	await bind(socket, host, port);
	if (replyFrom) {
		await bind(sender, replyFrom, port);
	}

	return {
		port: socket.address().port,
		async close() {
			if (sender !== socket) {
				sender.close();
			}

			await new Promise<void>(resolve => socket.close(() => resolve()));
		},
	};
}
