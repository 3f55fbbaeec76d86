import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {judgeNtp} from '../../src/checks/judge/ntp-judge.js';
import {ntpServer} from '../../src/checks/ntp-server.js';
import {decodeReply, encodeRequest, offsetAndDelay} from '../../src/checks/ntp/packet.js';
import {probeNtpSample, type NtpProbeRecord} from '../../src/checks/probes/ntp-probe.js';
import {startFakeDns, type FakeDnsServer} from '../lab/servers/fake-dns.js';
import {fakeNtpReply, startFakeNtp, type FakeNtpServer} from '../lab/servers/fake-ntp.js';
import {checkContext, freeUdpPort} from './helpers.js';

const host = '127.0.0.1';
const servers = new Map<string, FakeNtpServer>();
let dns: FakeDnsServer;

beforeAll(async () => {
	for (const mode of ['good:0', 'good:7200000', 'good:120000', 'unsync', 'kod:RATE', 'short', 'bad-mode', 'bad-origin', 'silent']) {
		servers.set(mode, await startFakeNtp(host, 0, mode));
	}

	dns = await startFakeDns(host, 0, 'answer:127.0.0.1');
});

afterAll(async () => {
	for (const server of servers.values()) {
		await server.close();
	}

	await dns.close();
});

const sample = async (mode: string) => probeNtpSample({server: host, port: servers.get(mode)!.port, timeoutMs: 400, signal: new AbortController().signal});

describe('NTP packet codec', () => {
	it('computes offset and delay from the four timestamps', () => {
		expect(offsetAndDelay(1000, 1510, 1520, 1030)).toEqual({offsetMs: 500, delayMs: 20});
	});

	it('validates length, mode and origin', () => {
		const {packet, transmit} = encodeRequest();
		expect(packet[0]).toBe(0x23);
		expect(decodeReply(fakeNtpReply(packet, 'good:0')!, transmit).ok).toBe(true);
		expect(decodeReply(fakeNtpReply(packet, 'short')!, transmit)).toEqual({ok: false, error: 'SHORT_REPLY'});
		expect(decodeReply(fakeNtpReply(packet, 'bad-mode')!, transmit)).toEqual({ok: false, error: 'BAD_MODE'});
		expect(decodeReply(fakeNtpReply(packet, 'bad-origin')!, transmit)).toEqual({ok: false, error: 'BAD_ORIGIN'});
	});

	it('reads the kiss code of a stratum 0 reply', () => {
		const {packet, transmit} = encodeRequest();
		const decoded = decodeReply(fakeNtpReply(packet, 'kod:DENY')!, transmit);
		expect(decoded.ok && decoded.reply.kissCode).toBe('DENY');
	});
});

describe('NTP probe over loopback', () => {
	it('measures a good server', async () => {
		const record = await sample('good:0');
		expect(record).toMatchObject({ok: true, stratum: 2, leapIndicator: 0, referenceId: '10.200.2.1', localAddress: host});
		expect(Math.abs(record.offsetMs!)).toBeLessThan(1000);
	});

	it('measures a server two hours ahead', async () => {
		const record = await sample('good:7200000');
		expect(record.offsetMs!).toBeGreaterThan(7_100_000);
	});

	it.each([['short', 'SHORT_REPLY'], ['bad-mode', 'BAD_MODE'], ['bad-origin', 'BAD_ORIGIN'], ['kod:RATE', 'KISS_OF_DEATH'], ['silent', 'TIMEOUT']])('classifies %s as %s', async (mode, code) => {
		expect((await sample(mode)).errorCode).toBe(code);
	});

	it('reports a closed port as ECONNREFUSED', async () => {
		const port = await freeUdpPort();
		expect((await probeNtpSample({server: host, port, timeoutMs: 2000, signal: new AbortController().signal})).errorCode).toBe('ECONNREFUSED');
	});
});

describe('ntp.server', () => {
	const run = async (mode: string, extra: Record<string, unknown> = {}) => ntpServer.run(ntpServer.params.parse({server: host, port: servers.get(mode)!.port, samples: 3, timeoutMs: 400, ...extra}), checkContext());

	it('passes a good server using the best of several samples', async () => {
		const result = await run('good:0');
		expect(result.status).toBe('pass');
		expect(result.evidence).toHaveLength(3);
		expect(result.vantage.localAddresses).toEqual([host]);
	});

	it('fails two hours off, unsynchronised, Kiss-o\'-Death and silence', async () => {
		expect((await run('good:7200000')).summary).toMatch(/ahead of this host.*Kerberos/);
		expect((await run('unsync')).summary).toMatch(/not synchronised/);
		expect((await run('kod:RATE')).summary).toMatch(/Kiss-o'-Death RATE/);
		const silent = await run('silent');
		expect(silent).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(silent.evidence.filter(record => !record.secondLook)).toHaveLength(1);
		// The second look: the request again from an unconnected socket, and TCP 1 on loopback (reset).
		expect(silent.evidence.filter(record => record.secondLook).map(record => `${record.kind}:${record.errorCode ?? 'ok'}`)).toEqual(['ntp:TIMEOUT', 'tcp:ECONNREFUSED']);
	});

	it('fails two minutes off (between the warn and fail thresholds)', async () => {
		expect((await run('good:120000')).status).toBe('fail');
	});

	it('resolves a name through the forwarders and warns that switches must resolve it', async () => {
		const result = await ntpServer.run(ntpServer.params.parse({server: 'time.contoso.com', port: servers.get('good:0')!.port, samples: 1, timeoutMs: 400}), checkContext({dnsServers: [`${host}:${dns.port}`]}));
		expect(result.status).toBe('warn');
		expect(result.summary).toContain('every switch must be able to resolve it');
		expect(result.evidence.map(record => record.kind)).toEqual(['dns-udp', 'ntp']);
	});
});

describe('judgeNtp', () => {
	const base: NtpProbeRecord = {target: 'udp://10.0.0.123:123', kind: 'ntp', ok: true, durationMs: 2, server: '10.0.0.123', port: 123, leapIndicator: 0, stratum: 3, referenceId: '10.0.0.1', offsetMs: 0, delayMs: 5, localAddress: '10.0.1.10'};
	it.each([[500, 'pass'], [-30_000, 'warn'], [90_000, 'fail'], [400_000, 'fail']])('offset %d ms → %s', (offsetMs, status) => {
		expect(judgeNtp('10.0.0.123', [{...base, offsetMs}]).status).toBe(status);
	});

	it('uses the lowest-delay sample', () => {
		const verdict = judgeNtp('10.0.0.123', [{...base, offsetMs: 90_000, delayMs: 400}, {...base, offsetMs: 10, delayMs: 3}]);
		expect(verdict.status).toBe('pass');
	});

	it('fails stratum 16 and LI=3', () => {
		expect(judgeNtp('s', [{...base, stratum: 16}]).status).toBe('fail');
		expect(judgeNtp('s', [{...base, leapIndicator: 3}]).status).toBe('fail');
	});

	it('names the source address in the firewall remediation', () => {
		expect(judgeNtp('10.0.0.123', [{...base, ok: false, errorCode: 'TIMEOUT'}]).remediation).toBe('Allow UDP port 123 from 10.0.1.10 to 10.0.0.123, and check that 10.0.0.123 serves NTP.');
	});
});
