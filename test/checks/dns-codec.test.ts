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
		expect(decodeError(header)).toBe('TRUNCATED_MESSAGE');
	});

	it('decodes AAAA and CNAME data', () => {
		const name = encodeName('a.example');
		const header = Buffer.from([0, 1, 0x81, 0x80, 0, 0, 0, 2, 0, 0, 0, 0]);
		const cname = Buffer.concat([name, Buffer.from([0, 5, 0, 1, 0, 0, 0, 5, 0, 2, 0xc0, 12])]);
		const aaaa = Buffer.concat([Buffer.from([0xc0, 12, 0, 28, 0, 1, 0, 0, 0, 5, 0, 16]), Buffer.from('20010db8000000000000000000000001', 'hex')]);
		const message = decodeMessage(Buffer.concat([header, cname, aaaa]));
		expect(message.answers.map(answer => answer.data)).toEqual(['a.example', '2001:db8::1']);
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
