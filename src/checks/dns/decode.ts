import {rcodeName, typeName} from './constants.js';

/** Why a reply could not be decoded; `code` is what the probe records. */
export class DnsDecodeError extends Error {
	constructor(
		readonly code: 'SHORT_HEADER' | 'TRUNCATED_MESSAGE' | 'TOO_MANY_RECORDS' | 'COMPRESSION_LOOP' | 'BAD_LABEL' | 'NAME_TOO_LONG' | 'BAD_RDATA',
		message: string,
	) {
		super(message);
	}
}

export type DnsFlags = {qr: boolean; opcode: number; aa: boolean; tc: boolean; rd: boolean; ra: boolean; rcode: number; rcodeName: string};
export type DnsQuestion = {name: string; type: number; class: number};
export type DnsAnswer = {name: string; type: string; ttl: number; data: string};
/**
A decoded message. `authority` carries a referral's NS records or a negative answer's SOA, `additional`
the glue addresses of a referral (RFC 1034 §4.3.2); a delegation check reads all three sections.
*/
export type DnsMessage = {id: number; flags: DnsFlags; questions: DnsQuestion[]; answers: DnsAnswer[]; authority: DnsAnswer[]; additional: DnsAnswer[]};

/** Hostile replies can chain pointers; a real name never needs more jumps than this. */
const maxPointerJumps = 32;
/** Bounds the work a hostile reply can cause: no real answer to one question has this many records in all sections. */
const maxRecords = 256;

function need(buffer: Buffer, offset: number, bytes: number): void {
	if (offset + bytes > buffer.length) {
		throw new DnsDecodeError('TRUNCATED_MESSAGE', `message ends at byte ${buffer.length}, needed ${offset + bytes}`);
	}
}

/** Reads a possibly compressed name; returns it and the offset after it in the original stream. */
export function readName(buffer: Buffer, start: number): {name: string; next: number} {
	const labels: string[] = [];
	let offset = start;
	let next = -1;
	let jumps = 0;
	let length = 0;
	for (;;) {
		need(buffer, offset, 1);
		const size = buffer[offset]!;
		if (size === 0) {
			return {name: labels.join('.'), next: next === -1 ? offset + 1 : next};
		}

		if ((size & 0xc0) === 0xc0) {
			need(buffer, offset, 2);
			const target = buffer.readUInt16BE(offset) & 0x3f_ff;
			// A pointer must point backwards (RFC 1035 §4.1.4: a prior occurrence); with the jump cap this ends every loop.
			if (++jumps > maxPointerJumps || target >= offset) {
				throw new DnsDecodeError('COMPRESSION_LOOP', `name compression pointer at byte ${offset} loops or points forward`);
			}

			if (next === -1) {
				next = offset + 2;
			}

			offset = target;
			continue;
		}

		if ((size & 0xc0) !== 0) {
			throw new DnsDecodeError('BAD_LABEL', `unsupported label type 0x${size.toString(16)} at byte ${offset}`);
		}

		need(buffer, offset + 1, size);
		length += size + 1;
		if (length > 255) {
			throw new DnsDecodeError('NAME_TOO_LONG', 'name longer than 255 bytes');
		}

		labels.push(buffer.toString('latin1', offset + 1, offset + 1 + size));
		offset += size + 1;
	}
}

function formatIpv6(data: Buffer): string {
	const groups = Array.from({length: 8}, (_, index) => data.readUInt16BE(index * 2).toString(16));
	// Compress the longest run of zero groups, as every tool prints it.
	let best = {start: -1, length: 0};
	for (let index = 0; index < 8; ) {
		let end = index;
		while (end < 8 && groups[end] === '0') {
			end++;
		}

		if (end - index > best.length && end - index > 1) {
			best = {start: index, length: end - index};
		}

		index = end === index ? index + 1 : end;
	}

	if (best.start === -1) {
		return groups.join(':');
	}

	return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

/** A name inside a record's data must end inside that data: a name running past it is a forged or broken length. */
function readNameWithin(buffer: Buffer, offset: number, end: number): {name: string; next: number} {
	const read = readName(buffer, offset);
	if (read.next > end) {
		throw new DnsDecodeError('BAD_RDATA', `a name in the record data at byte ${offset} runs past the record's length`);
	}

	return read;
}

/** SOA data (RFC 1035 §3.3.13) as zone files write it: `mname rname serial refresh retry expire minimum`. */
function readSoa(buffer: Buffer, offset: number, length: number): string {
	const end = offset + length;
	const primary = readNameWithin(buffer, offset, end);
	const mailbox = readNameWithin(buffer, primary.next, end);
	if (mailbox.next + 20 !== end) {
		throw new DnsDecodeError('BAD_RDATA', `SOA data at byte ${offset} is ${length} bytes, its names and five numbers need ${mailbox.next + 20 - offset}`);
	}

	const numbers = Array.from({length: 5}, (_, index) => buffer.readUInt32BE(mailbox.next + index * 4));
	return [primary.name, mailbox.name, ...numbers].join(' ');
}

function readData(buffer: Buffer, type: number, offset: number, length: number): string {
	const data = buffer.subarray(offset, offset + length);
	if (type === 1 && length === 4) {
		return [...data].join('.');
	}

	if (type === 28 && length === 16) {
		return formatIpv6(data);
	}

	if (type === 5 || type === 2 || type === 12) {
		const read = readNameWithin(buffer, offset, offset + length);
		if (read.next !== offset + length) {
			throw new DnsDecodeError('BAD_RDATA', `record data at byte ${offset} is longer than its name`);
		}

		return read.name;
	}

	if (type === 6) {
		return readSoa(buffer, offset, length);
	}

	return data.toString('hex');
}

/** Reads `count` resource records from `offset`; returns them and the offset after the last. */
function readRecords(buffer: Buffer, start: number, count: number): {records: DnsAnswer[]; next: number} {
	const records: DnsAnswer[] = [];
	let offset = start;
	for (let index = 0; index < count; index++) {
		const {name, next} = readName(buffer, offset);
		need(buffer, next, 10);
		const type = buffer.readUInt16BE(next);
		const ttl = buffer.readUInt32BE(next + 4);
		const length = buffer.readUInt16BE(next + 8);
		need(buffer, next + 10, length);
		records.push({name, type: typeName(type), ttl, data: readData(buffer, type, next + 10, length)});
		offset = next + 10 + length;
	}

	return {records, next: offset};
}

/**
Decodes a DNS message: header, questions, and the answer, authority and additional sections.
Throws DnsDecodeError (never anything else) for a reply that is not a well-formed message; the probe
turns that into an error code. Work is bounded by the record cap, the pointer-jump cap and the message size.
*/
export function decodeMessage(buffer: Buffer): DnsMessage {
	if (buffer.length < 12) {
		throw new DnsDecodeError('SHORT_HEADER', `reply of ${buffer.length} bytes is shorter than a DNS header`);
	}

	const id = buffer.readUInt16BE(0);
	const bits = buffer.readUInt16BE(2);
	const flags: DnsFlags = {
		qr: (bits & 0x80_00) !== 0,
		opcode: (bits >> 11) & 0xf,
		aa: (bits & 0x04_00) !== 0,
		tc: (bits & 0x02_00) !== 0,
		rd: (bits & 0x01_00) !== 0,
		ra: (bits & 0x00_80) !== 0,
		rcode: bits & 0xf,
		rcodeName: rcodeName(bits & 0xf),
	};
	const [questionCount, answerCount, authorityCount, additionalCount] = [4, 6, 8, 10].map(at => buffer.readUInt16BE(at)) as [number, number, number, number];
	const total = questionCount + answerCount + authorityCount + additionalCount;
	if (total > maxRecords) {
		throw new DnsDecodeError('TOO_MANY_RECORDS', `reply claims ${total} records, more than ${maxRecords}`);
	}

	let offset = 12;
	const questions: DnsQuestion[] = [];
	for (let index = 0; index < questionCount; index++) {
		const {name, next} = readName(buffer, offset);
		need(buffer, next, 4);
		questions.push({name, type: buffer.readUInt16BE(next), class: buffer.readUInt16BE(next + 2)});
		offset = next + 4;
	}

	const answers = readRecords(buffer, offset, answerCount);
	const authority = readRecords(buffer, answers.next, authorityCount);
	const additional = readRecords(buffer, authority.next, additionalCount);
	return {id, flags, questions, answers: answers.records, authority: authority.records, additional: additional.records};
}
