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
		expect(single).toMatchObject({status: 'warn', owner: 'customer'});
		expect(single.summary).toMatch(/^only one forwarder is configured \(10\.0\.0\.53\): the deployment docs ask for two; 1 forwarder answered/);
	});

	it('keeps the count rule beside a server finding, leading with the most severe', () => {
		const verdict = judgeDnsForwarders(['10.0.0.53'], [record({errorCode: 'REFUSED'})]);
		expect(verdict).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(verdict.summary).toMatch(/^no forwarder answers fully: .*REFUSED.* \(\+1 more\)$/);
		expect(verdict.remediation).toContain('Add a second DNS forwarder');
	});

	it('passes a truncated UDP answer that TCP completes', () => {
		const verdict = judgeDnsForwarders(['10.0.0.53', '10.0.0.54'], [record({errorCode: 'TRUNCATED', tc: true}), ok('10.0.0.53', 'tcp'), ok('10.0.0.54'), ok('10.0.0.54', 'tcp')]);
		expect(verdict.status).toBe('pass');
		expect(verdict.summary).toContain('UDP answers were truncated (TC) and TCP completed them');
	});

	it('names both transports and both answers when they disagree', () => {
		const tcp = {...ok('10.0.0.53', 'tcp'), addresses: ['10.0.0.9']};
		const verdict = judgeDnsForwarders(['10.0.0.53', '10.0.0.54'], [{...ok('10.0.0.53'), addresses: ['10.0.0.1']}, tcp, ok('10.0.0.54'), ok('10.0.0.54', 'tcp')]);
		expect(verdict).toMatchObject({status: 'warn', owner: 'dns-team'});
		expect(verdict.summary).toContain('UDP says 10.0.0.1, TCP says 10.0.0.9');
		const nx = judgeDnsForwarders(['10.0.0.53', '10.0.0.54'], [record({errorCode: 'NXDOMAIN'}), tcp, ok('10.0.0.54'), ok('10.0.0.54', 'tcp')]);
		expect(nx.summary).toContain('UDP says NXDOMAIN, TCP says 10.0.0.9');
		// The same CNAME chain with rotated addresses is a load-balanced name, not a finding.
		const chain = ['login.microsoftonline.com CNAME login.mso.msidentity.com'];
		const rotated = judgeDnsForwarders(['10.0.0.53', '10.0.0.54'], [{...ok('10.0.0.53'), answers: chain}, {...tcp, answers: chain}, ok('10.0.0.54'), ok('10.0.0.54', 'tcp')]);
		expect(rotated.status).toBe('pass');
		// NXDOMAIN on both transports is one answer, not a disagreement.
		expect(judgeDnsForwarders(['10.0.0.53'], [record({errorCode: 'NXDOMAIN'}), record({transport: 'tcp', errorCode: 'NXDOMAIN'})]).summary).not.toContain('disagree');
	});

	it('warns on answers slower than the limit, naming the time', () => {
		const slow = {...ok('10.0.0.53'), durationMs: 1400};
		const verdict = judgeDnsForwarders(['10.0.0.53', '10.0.0.54'], [slow, ok('10.0.0.54')], {slowMs: 1000});
		expect(verdict).toMatchObject({status: 'warn', owner: 'dns-team'});
		expect(verdict.summary).toMatch(/^login\.microsoftonline\.com via UDP 10\.0\.0\.53 answered in 1400 ms, slower than 1000 ms/);
		expect(judgeDnsForwarders(['10.0.0.53', '10.0.0.54'], [slow, ok('10.0.0.54')], {slowMs: 2000}).status).toBe('pass');
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
