import {describe, expect, it} from 'vitest';
import {DnsDecodeError, decodeMessage, readName} from '../../src/checks/dns/decode.js';
import {DnsEncodeError, encodeName, encodeQuery} from '../../src/checks/dns/encode.js';
import {createTcpReader, frameTcp} from '../../src/checks/dns/framing.js';
import {fakeReply} from '../lab/servers/fake-dns.js';

function decodeError(buffer: Buffer): string {
	try {
		decodeMessage(buffer);
	} catch (error) {
		if (error instanceof DnsDecodeError) {
			return error.code;
		}

		throw error;
	}

	return 'decoded';
}

/** A name as length-prefixed labels, written here by hand (not with the encoder under test). */
function wireName(name: string): Buffer {
	return Buffer.concat([...name.split('.').map(label => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')])), Buffer.from([0])]);
}

function resourceRecord(owner: Buffer, type: number, ttl: number, data: Buffer): Buffer {
	const fixed = Buffer.alloc(10);
	fixed.writeUInt16BE(type, 0);
	fixed.writeUInt16BE(1, 2);
	fixed.writeUInt32BE(ttl, 4);
	fixed.writeUInt16BE(data.length, 8);
	return Buffer.concat([owner, fixed, data]);
}

function header(flags: number, counts: [number, number, number, number]): Buffer {
	const bytes = Buffer.alloc(12);
	bytes.writeUInt16BE(0x42, 0);
	bytes.writeUInt16BE(flags, 2);
	counts.forEach((count, index) => bytes.writeUInt16BE(count, 4 + index * 2));
	return bytes;
}

const zoneQuestion = Buffer.concat([wireName('east.cloud.example'), Buffer.from([0, 2, 0, 1])]);

/** A parent's referral for east.cloud.example: QR, no AA, two NS (the owner compressed to the question), one glue A. */
function referral(): Buffer {
	const pointer = Buffer.from([0xc0, 12]);
	return Buffer.concat([
		header(0x80_00, [1, 0, 2, 1]),
		zoneQuestion,
		resourceRecord(pointer, 2, 3600, wireName('azs-ns01.east.cloud.example')),
		resourceRecord(pointer, 2, 3600, wireName('azs-ns02.east.cloud.example')),
		resourceRecord(wireName('azs-ns01.east.cloud.example'), 1, 3600, Buffer.from([10, 1, 2, 3])),
	]);
}

function soaReply(options: {aa: boolean; section: 'answer' | 'authority'; rcode?: number; extra?: number}): Buffer {
	const numbers = Buffer.alloc(20 + (options.extra ?? 0));
	[7, 900, 600, 86_400, 60].forEach((value, index) => numbers.writeUInt32BE(value, index * 4));
	const soa = resourceRecord(Buffer.from([0xc0, 12]), 6, 60, Buffer.concat([wireName('azs-ns01.east.cloud.example'), wireName('hostmaster.east.cloud.example'), numbers]));
	const counts: [number, number, number, number] = options.section === 'answer' ? [1, 1, 0, 0] : [1, 0, 1, 0];
	return Buffer.concat([header(0x80_00 | (options.aa ? 0x04_00 : 0) | (options.rcode ?? 0), counts), zoneQuestion, soa]);
}

describe('DNS codec', () => {
	it('encodes a recursive A query with one question', () => {
		const query = encodeQuery({id: 0x12_34, name: 'login.windows.net'});
		expect(query.readUInt16BE(0)).toBe(0x12_34);
		expect(query.readUInt16BE(2)).toBe(0x01_00);
		expect(query.readUInt16BE(4)).toBe(1);
		expect(query.subarray(12, 12 + 19)).toEqual(Buffer.from('\u0005login\u0007windows\u0003net\u0000', 'latin1'));
		expect(query.readUInt16BE(31)).toBe(1);
		expect(query.readUInt16BE(33)).toBe(1);
	});

	it('refuses names that cannot be on the wire', () => {
		expect(() => encodeName('a..b')).toThrow(DnsEncodeError);
		expect(() => encodeName(`${'x'.repeat(64)}.com`)).toThrow(DnsEncodeError);
		expect(() => encodeName('münchen.de')).toThrow(DnsEncodeError);
		expect(encodeName('example.com.')).toEqual(encodeName('example.com'));
	});

	it('decodes an answer with a compressed name, flags and TTL', () => {
		const query = encodeQuery({id: 7, name: 'management.azure.com'});
		const message = decodeMessage(fakeReply(query, 'answer:10.200.2.12')!);
		expect(message.id).toBe(7);
		expect(message.flags).toMatchObject({qr: true, ra: true, rd: true, tc: false, rcodeName: 'NOERROR'});
		expect(message.questions).toEqual([{name: 'management.azure.com', type: 1, class: 1}]);
		expect(message.answers).toEqual([{name: 'management.azure.com', type: 'A', ttl: 30, data: '10.200.2.12'}]);
	});

	it('reads response codes and the TC bit', () => {
		const query = encodeQuery({id: 9, name: 'x.example'});
		expect(decodeMessage(fakeReply(query, 'nxdomain')!).flags.rcodeName).toBe('NXDOMAIN');
		expect(decodeMessage(fakeReply(query, 'servfail')!).flags.rcodeName).toBe('SERVFAIL');
		expect(decodeMessage(fakeReply(query, 'refused')!).flags).toMatchObject({rcodeName: 'REFUSED', ra: false});
		expect(decodeMessage(fakeReply(query, 'tc')!).flags.tc).toBe(true);
	});

	it('stops on a compression loop instead of spinning', () => {
		const query = encodeQuery({id: 1, name: 'loop.example'});
		expect(decodeError(fakeReply(query, 'compression-loop')!)).toBe('COMPRESSION_LOOP');
	});

	it('refuses pointer chains that point forward', () => {
		const buffer = Buffer.from([0xc0, 0x02, 0xc0, 0x00]);
		expect(() => readName(buffer, 0)).toThrow(/loops or points forward/);
	});

	it('classifies cut-off and too-short messages', () => {
		const query = encodeQuery({id: 1, name: 'cut.example'});
		expect(decodeError(fakeReply(query, 'cut-off')!)).toBe('TRUNCATED_MESSAGE');
		expect(decodeError(Buffer.alloc(5))).toBe('SHORT_HEADER');
	});

	it('refuses a header that claims an absurd number of records', () => {
		const header = Buffer.alloc(12);
		header.writeUInt16BE(0xff_ff, 6);
		expect(decodeError(header)).toBe('TOO_MANY_RECORDS');
	});

	it('decodes AAAA and CNAME data', () => {
		const name = encodeName('a.example');
		const header = Buffer.from([0, 1, 0x81, 0x80, 0, 0, 0, 2, 0, 0, 0, 0]);
		const cname = Buffer.concat([name, Buffer.from([0, 5, 0, 1, 0, 0, 0, 5, 0, 2, 0xc0, 12])]);
		const aaaa = Buffer.concat([Buffer.from([0xc0, 12, 0, 28, 0, 1, 0, 0, 0, 5, 0, 16]), Buffer.from('20010db8000000000000000000000001', 'hex')]);
		const message = decodeMessage(Buffer.concat([header, cname, aaaa]));
		expect(message.answers.map(answer => answer.data)).toEqual(['a.example', '2001:db8::1']);
	});

	it('decodes a referral: NS records in the authority section, glue in the additional section, AA clear', () => {
		const message = decodeMessage(referral());
		expect(message.flags).toMatchObject({aa: false, rd: false, rcodeName: 'NOERROR'});
		expect(message.answers).toEqual([]);
		expect(message.authority).toEqual([
			{name: 'east.cloud.example', type: 'NS', ttl: 3600, data: 'azs-ns01.east.cloud.example'},
			{name: 'east.cloud.example', type: 'NS', ttl: 3600, data: 'azs-ns02.east.cloud.example'},
		]);
		expect(message.additional).toEqual([{name: 'azs-ns01.east.cloud.example', type: 'A', ttl: 3600, data: '10.1.2.3'}]);
	});

	it('decodes an authoritative SOA answer and a negative answer with the SOA in the authority section', () => {
		const answer = decodeMessage(soaReply({aa: true, section: 'answer'}));
		expect(answer.flags.aa).toBe(true);
		expect(answer.answers).toEqual([{name: 'east.cloud.example', type: 'SOA', ttl: 60, data: 'azs-ns01.east.cloud.example hostmaster.east.cloud.example 7 900 600 86400 60'}]);
		const negative = decodeMessage(soaReply({aa: true, section: 'authority', rcode: 3}));
		expect(negative.flags).toMatchObject({aa: true, rcodeName: 'NXDOMAIN'});
		expect(negative.answers).toEqual([]);
		expect(negative.authority[0]).toMatchObject({type: 'SOA', name: 'east.cloud.example'});
	});

	it('refuses record data whose name runs past its stated length, and SOA data of the wrong size', () => {
		const bad = referral();
		// The first NS record's RDLENGTH (2 bytes before its data) says 4 bytes; its name is longer.
		const at = bad.indexOf(Buffer.from('\u0008azs-ns01', 'latin1'), 40);
		bad.writeUInt16BE(4, at - 2);
		expect(decodeError(bad)).toBe('BAD_RDATA');
		const soa = soaReply({aa: true, section: 'answer'});
		expect(decodeError(Buffer.concat([soa.subarray(0, soa.length - 4)]))).toBe('TRUNCATED_MESSAGE');
		const long = soaReply({aa: true, section: 'answer', extra: 3});
		expect(decodeError(long)).toBe('BAD_RDATA');
	});

	it('stops on a compression loop and on absurd counts in the authority and additional sections', () => {
		const looping = referral();
		// The glue record's owner name (after the two NS records) becomes a pointer to itself.
		const glue = looping.length - (wireName('azs-ns01.east.cloud.example').length + 14);
		looping.writeUInt16BE(0xc0_00 | glue, glue);
		expect(decodeError(looping)).toBe('COMPRESSION_LOOP');
		const counts = referral();
		counts.writeUInt16BE(0xff_f0, 10);
		expect(decodeError(counts)).toBe('TOO_MANY_RECORDS');
		const missing = referral();
		missing.writeUInt16BE(3, 8);
		expect(decodeError(missing)).toBe('TRUNCATED_MESSAGE');
	});

	it('frames TCP messages and reassembles them from chunks', () => {
		const framed = frameTcp(Buffer.from('hello'));
		expect(framed.readUInt16BE(0)).toBe(5);
		const reader = createTcpReader();
		expect(reader.push(framed.subarray(0, 1))).toBeUndefined();
		expect(reader.push(framed.subarray(1, 4))).toBeUndefined();
		expect(reader.push(framed.subarray(4))?.toString()).toBe('hello');
	});
});
