import {describe, expect, it} from 'vitest';
import {judgeDnsRecord} from '../../src/checks/judge/dns-outcome.js';
import {judgeDnsForwarders} from '../../src/checks/judge/dns-forwarder-judge.js';
import type {DnsProbeRecord} from '../../src/checks/probes/dns-probe.js';

function record(fields: Partial<DnsProbeRecord>): DnsProbeRecord {
	return {target: 't', kind: 'dns-udp', ok: false, durationMs: 5, server: '10.0.0.53', port: 53, transport: 'udp', name: 'login.microsoftonline.com', qtype: 'A', localAddress: '10.0.1.10', ...fields};
}

const ok = (server: string, transport: 'udp' | 'tcp' = 'udp') => record({server, transport, ok: true, rcode: 'NOERROR', ra: true, addresses: ['20.190.1.1']});

describe('judgeDnsRecord', () => {
	it.each([
		['NXDOMAIN', 'dns-team', /NXDOMAIN/],
		['SERVFAIL', 'dns-team', /SERVFAIL/],
		['REFUSED', 'dns-team', /recursion refused/],
		['ECONNREFUSED', 'dns-team', /port closed/],
		['EHOSTUNREACH', 'firewall-team', /unreachable/],
		['ID_MISMATCH', 'dns-team', /invalid reply/],
		['COMPRESSION_LOOP', 'dns-team', /invalid reply/],
	])('%s fails, owned by %s', (code, owner, summary) => {
		const verdict = judgeDnsRecord(record({errorCode: code}));
		expect(verdict).toMatchObject({status: 'fail', owner});
		expect(verdict.summary).toMatch(summary);
		expect(verdict.summary).toContain('login.microsoftonline.com via UDP 10.0.0.53');
	});

	it('tells a dropped query (firewall) from a silent TCP server (DNS team)', () => {
		const dropped = judgeDnsRecord(record({errorCode: 'TIMEOUT'}));
		expect(dropped).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(dropped.remediation).toBe('Allow UDP port 53 from 10.0.1.10 to 10.0.0.53, and check that 10.0.0.53 is up.');
		expect(judgeDnsRecord(record({transport: 'tcp', errorCode: 'TIMEOUT', connected: true})).owner).toBe('dns-team');
	});

	it('fails sinkholed answers and warns without recursion', () => {
		expect(judgeDnsRecord(record({ok: true, addresses: ['0.0.0.0']}))).toMatchObject({status: 'fail', summary: expect.stringMatching(/sinkholed/)});
		expect(judgeDnsRecord(record({ok: true, addresses: ['127.0.0.2']})).status).toBe('fail');
		expect(judgeDnsRecord(record({ok: true, ra: false, addresses: ['1.2.3.4']})).status).toBe('warn');
		expect(judgeDnsRecord(ok('10.0.0.53')).status).toBe('pass');
	});

	it('skips an aborted probe', () => {
		expect(judgeDnsRecord(record({errorCode: 'ABORTED'})).status).toBe('skipped');
	});
});

describe('judgeDnsForwarders', () => {
	it('errors without forwarders', () => {
		expect(judgeDnsForwarders([], []).status).toBe('error');
	});

	it('passes two good forwarders, warns for a single one', () => {
		expect(judgeDnsForwarders(['10.0.0.53', '10.0.0.54'], [ok('10.0.0.53'), ok('10.0.0.54')]).status).toBe('pass');
		const single = judgeDnsForwarders(['10.0.0.53'], [ok('10.0.0.53'), ok('10.0.0.53', 'tcp')]);
		expect(single).toMatchObject({status: 'warn', owner: 'dns-team'});
	});

	it('fails when TCP is blocked on the only forwarder though UDP answers', () => {
		const verdict = judgeDnsForwarders(['10.0.0.53'], [ok('10.0.0.53'), record({transport: 'tcp', errorCode: 'TIMEOUT', connected: false})]);
		expect(verdict).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(verdict.summary).toContain('TCP 10.0.0.53');
		expect(verdict.remediation).toContain('Allow TCP port 53 from 10.0.1.10 to 10.0.0.53');
	});

	it('warns when only one of two answers, naming the silent one', () => {
		const verdict = judgeDnsForwarders(['10.0.0.53', '10.0.0.54'], [ok('10.0.0.53'), record({server: '10.0.0.54', errorCode: 'TIMEOUT'})]);
		expect(verdict.status).toBe('warn');
		expect(verdict.summary).toMatch(/only 1 of 2 forwarders answer fully \(10\.0\.0\.53\)/);
		expect(verdict.summary).toContain('10.0.0.54');
	});
});
