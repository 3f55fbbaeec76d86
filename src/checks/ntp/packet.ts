import {randomInt} from 'node:crypto';

/** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
const ntpEpochOffset = 2_208_988_800;

/** Reads a 64-bit NTP timestamp as Unix milliseconds (era 0, good until 2036). */
export function readTimestamp(buffer: Buffer, offset: number): number {
	const seconds = buffer.readUInt32BE(offset);
	const fraction = buffer.readUInt32BE(offset + 4);
	return ((seconds - ntpEpochOffset) * 1000) + ((fraction * 1000) / 2 ** 32);
}

/**
Builds a client request (version 4, mode 3). The transmit timestamp carries the current second
and a random fraction: the server must echo it as the origin timestamp, so it doubles as a nonce
that a stale or spoofed reply cannot guess. Our own send time is measured separately.
*/
export function encodeRequest(nowMs: number = Date.now()): {packet: Buffer; transmit: Buffer} {
	const packet = Buffer.alloc(48);
	packet[0] = (0 << 6) | (4 << 3) | 3;
	packet.writeUInt32BE(Math.floor(nowMs / 1000) + ntpEpochOffset, 40);
	packet.writeUInt32BE(randomInt(0, 2 ** 32 - 1), 44);
	return {packet, transmit: Buffer.from(packet.subarray(40, 48))};
}

export type NtpReply = {
	leapIndicator: number;
	version: number;
	mode: number;
	stratum: number;
	poll: number;
	precision: number;
	rootDelayMs: number;
	rootDispersionMs: number;
	/** Stratum 1: a 4-letter source (`GPS`); stratum ≥ 2: the upstream IPv4; stratum 0: the kiss code. */
	referenceId: string;
	/** Set for stratum 0 replies whose reference id is an ASCII code (RFC 5905 §7.4). */
	kissCode?: string;
	referenceTimeMs: number;
	receiveMs: number;
	transmitMs: number;
};

export type NtpReplyError = 'SHORT_REPLY' | 'BAD_MODE' | 'BAD_VERSION' | 'BAD_ORIGIN' | 'ZERO_TRANSMIT';

function asciiCode(bytes: Buffer): string | undefined {
	const text = bytes.toString('latin1').replace(/\0+$/, '');
	return /^[A-Z][A-Z\d]{0,3}$/.test(text) ? text : undefined;
}

/** Validates and decodes a server reply to the request whose transmit timestamp was `transmit`. */
export function decodeReply(reply: Buffer, transmit: Buffer): {ok: true; reply: NtpReply} | {ok: false; error: NtpReplyError} {
	if (reply.length < 48) {
		return {ok: false, error: 'SHORT_REPLY'};
	}

	const first = reply[0]!;
	const mode = first & 0x7;
	const version = (first >> 3) & 0x7;
	if (mode !== 4) {
		return {ok: false, error: 'BAD_MODE'};
	}

	if (version < 3 || version > 4) {
		return {ok: false, error: 'BAD_VERSION'};
	}

	if (!reply.subarray(24, 32).equals(transmit)) {
		return {ok: false, error: 'BAD_ORIGIN'};
	}

	if (reply.readUInt32BE(40) === 0 && reply.readUInt32BE(44) === 0) {
		return {ok: false, error: 'ZERO_TRANSMIT'};
	}

	const stratum = reply[1]!;
	const reference = reply.subarray(12, 16);
	const code = asciiCode(reference);
	const referenceId = stratum <= 1 ? (code ?? reference.toString('hex')) : [...reference].join('.');
	return {
		ok: true,
		reply: {
			leapIndicator: first >> 6,
			version,
			mode,
			stratum,
			poll: reply.readInt8(2),
			precision: reply.readInt8(3),
			rootDelayMs: (reply.readUInt32BE(4) * 1000) / 65_536,
			rootDispersionMs: (reply.readUInt32BE(8) * 1000) / 65_536,
			referenceId,
			...(stratum === 0 && code ? {kissCode: code} : {}),
			referenceTimeMs: readTimestamp(reply, 16),
			receiveMs: readTimestamp(reply, 32),
			transmitMs: readTimestamp(reply, 40),
		},
	};
}

/** Clock offset and round-trip delay (RFC 5905 §8) from the four timestamps, in ms. */
export function offsetAndDelay(t1: number, t2: number, t3: number, t4: number): {offsetMs: number; delayMs: number} {
	return {offsetMs: ((t2 - t1) + (t3 - t4)) / 2, delayMs: (t4 - t1) - (t3 - t2)};
}
