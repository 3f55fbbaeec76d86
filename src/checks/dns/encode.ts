import {recordTypes, type RecordTypeName} from './constants.js';

export type QueryOptions = {
	id: number;
	name: string;
	type?: RecordTypeName;
	/** Recursion desired: a forwarder must recurse for us (default true). */
	recursionDesired?: boolean;
};

/** Why a name cannot be put on the wire. */
export class DnsEncodeError extends Error {}

/** Encodes a name as length-prefixed labels; refuses empty or oversized labels and non-ASCII. */
export function encodeName(name: string): Buffer {
	const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
	if (trimmed.length === 0) {
		return Buffer.from([0]);
	}

	if (trimmed.length > 253) {
		throw new DnsEncodeError(`name "${name}" is longer than 253 characters`);
	}

	const parts: Buffer[] = [];
	for (const label of trimmed.split('.')) {
		// Non-ASCII names must be given in punycode; writing UTF-8 would silently ask for another name.
		if (label.length === 0 || label.length > 63 || !/^[\x21-\x7e]+$/.test(label)) {
			throw new DnsEncodeError(`name "${name}" has an invalid label "${label}"`);
		}

		parts.push(Buffer.from([label.length]), Buffer.from(label, 'ascii'));
	}

	parts.push(Buffer.from([0]));
	return Buffer.concat(parts);
}

/** Encodes a standard query with one question (class IN). */
export function encodeQuery(options: QueryOptions): Buffer {
	const header = Buffer.alloc(12);
	header.writeUInt16BE(options.id & 0xff_ff, 0);
	header.writeUInt16BE(options.recursionDesired === false ? 0 : 0x01_00, 2);
	header.writeUInt16BE(1, 4);
	const question = Buffer.alloc(4);
	question.writeUInt16BE(recordTypes[options.type ?? 'A'], 0);
	question.writeUInt16BE(1, 2);
	return Buffer.concat([header, encodeName(options.name), question]);
}
