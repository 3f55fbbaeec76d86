import {maxMessageBytes} from './constants.js';

/** Prefixes a message with its 2-byte length, as DNS over TCP requires (RFC 1035 §4.2.2). */
export function frameTcp(message: Buffer): Buffer {
	if (message.length > maxMessageBytes) {
		throw new RangeError(`DNS message of ${message.length} bytes cannot be framed`);
	}

	const prefix = Buffer.alloc(2);
	prefix.writeUInt16BE(message.length, 0);
	return Buffer.concat([prefix, message]);
}

/**
Collects TCP chunks until one whole length-prefixed message has arrived.
`push` returns the message once complete, else undefined; memory is bounded by the 16-bit length.
*/
export function createTcpReader() {
	let pending = Buffer.alloc(0);
	return {
		push(chunk: Buffer): Buffer | undefined {
			pending = Buffer.concat([pending, chunk]);
			if (pending.length < 2) {
				return undefined;
			}

			const length = pending.readUInt16BE(0);
			if (pending.length < 2 + length) {
				return undefined;
			}

			return pending.subarray(2, 2 + length);
		},
		/** Bytes received so far, to tell a cut-off reply from no reply. */
		get received() {
			return pending.length;
		},
	};
}
