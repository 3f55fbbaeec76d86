import {describe, expect, it} from 'vitest';
import {judgeTcpConnect, judgeUnresolved} from '../../src/checks/judge/tcp-connect-judge.js';
import type {DnsProbeRecord} from '../../src/checks/probes/dns-probe.js';

const failed = (errorCode: string) => ({target: 'tcp://management.azure.com:443', kind: 'tcp', ok: false, durationMs: 3, errorCode});

describe('judgeTcpConnect', () => {
	it.each(['EAI_AGAIN', 'ENOTFOUND'])('calls the system resolver\'s %s a DNS finding, never a firewall one', code => {
		const verdict = judgeTcpConnect(failed(code), 'management.azure.com', 443, {resolvedVia: 'system'});
		expect(verdict).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(verdict.summary).toContain(`management.azure.com could not be resolved by this host's system resolver (${code}`);
		expect(`${verdict.summary} ${verdict.remediation}`).not.toMatch(/firewall|Allow outbound/);
	});

	it('keeps a dropped connection the firewall team\'s, naming the resolved address', () => {
		const verdict = judgeTcpConnect(failed('TIMEOUT'), 'management.azure.com', 443, {address: '20.1.2.3', resolvedVia: 'forwarders'});
		expect(verdict).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(verdict.summary).toBe('TCP management.azure.com:443 (20.1.2.3) no answer (dropped by a firewall or nothing routes there)');
	});

	it('says when the OS resolver was used', () => {
		const verdict = judgeTcpConnect({...failed('x'), ok: true}, 'management.azure.com', 443, {resolvedVia: 'system'});
		expect(verdict.summary).toContain("name resolved by this host's system resolver");
	});
});

describe('judgeUnresolved', () => {
	it('judges the forwarders\' answer as the DNS finding it is', () => {
		const record: DnsProbeRecord = {target: 't', kind: 'dns-udp', ok: false, durationMs: 4, errorCode: 'NXDOMAIN', server: '10.0.0.53', port: 53, transport: 'udp', name: 'x.example', qtype: 'A'};
		const verdict = judgeUnresolved('x.example', 443, {addresses: [], records: [record], reason: 'x'});
		expect(verdict).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(verdict.summary).toMatch(/^TCP x\.example:443: cannot resolve x\.example through the DNS forwarders: .*NXDOMAIN/);
		expect(judgeUnresolved('x.example', 443, {addresses: [], records: [], reason: 'no DNS forwarders configured to resolve it'}).status).toBe('error');
	});
});
