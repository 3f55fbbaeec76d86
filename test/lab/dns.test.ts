import {describe, expect, inject, it} from 'vitest';
import type {CheckResult} from '../../src/checks/types.js';
import {ip} from './lab-config.js';
import {checkFrom, labJob, labTitle, runFrom, withScenario, type ReadyLab} from './lab-client.js';

const lab = inject('lab');

const evidenceCodes = (result: CheckResult) => result.evidence.map(record => `${record.kind}:${record.errorCode ?? 'ok'}`);

describe.skipIf(!lab.ready)(labTitle(lab, 'dns.forwarder from the DVM'), () => {
	const ready = lab as ReadyLab;
	const one = (servers: string[], names: string[], transports = ['udp']) => labJob(ready, 'dns.forwarder', {servers, names, transports});

	it('tells every DNS outcome apart', async () => {
		const outputs = await runFrom(ready, 'dvm', [
			labJob(ready, 'dns.forwarder', {}),
			one([ip.dns], ['x.nx.example']),
			one([ip.dns], ['www.servfail.example']),
			one([ip.dnsRefused], ['management.azure.com']),
			one([ip.dnsDrop], ['management.azure.com']),
			one([ip.closed], ['management.azure.com']),
			one([ip.dns], ['ads.sinkhole.example']),
			one([ip.dnsWrongId], ['management.azure.com']),
			one([ip.dns], ['www.slow.example']),
		]);
		const [good, nx, servfail, refused, dropped, closed, sinkhole, wrongId, slow] = outputs.map(output => output.result);
		expect(outputs.flatMap(output => output.leftover)).toEqual([]);
		expect(good!.status).toBe('pass');
		expect(good!.evidence).toHaveLength(16);
		expect(good!.vantage.localAddresses).toEqual(['10.200.1.10']);
		expect(nx!.summary).toMatch(/NXDOMAIN/);
		expect(servfail!.summary).toMatch(/SERVFAIL/);
		expect(refused!.summary).toMatch(/REFUSED \(recursion refused/);
		expect(refused!.remediation).toBe(`Allow recursive queries from 10.200.1.10 on ${ip.dnsRefused}.`);
		expect(dropped).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(evidenceCodes(dropped!)).toEqual(['dns-udp:TIMEOUT']);
		expect(closed!.summary).toMatch(/port closed \(ICMP port unreachable\)/);
		expect(evidenceCodes(closed!)).toEqual(['dns-udp:ECONNREFUSED']);
		expect(sinkhole!.summary).toMatch(/sinkholed: answered 0\.0\.0\.0/);
		expect(evidenceCodes(wrongId!)).toEqual(['dns-udp:ID_MISMATCH']);
		expect(evidenceCodes(slow!)).toEqual(['dns-udp:TIMEOUT']);
		for (const result of [nx, servfail, refused, dropped, closed, sinkhole, wrongId, slow]) {
			expect(result!.status).toBe('fail');
		}
	});

	it('warns when only one of two forwarders answers, naming the silent one', async () => {
		const result = await checkFrom(ready, 'dvm', 'dns.forwarder', {servers: [ip.dns, ip.dnsDrop], names: ['login.microsoftonline.com']});
		expect(result.status).toBe('warn');
		expect(result.summary).toContain(`only 1 of 2 forwarders answer fully (${ip.dns})`);
		expect(result.remediation).toContain(`Allow UDP port 53 from 10.200.1.10 to ${ip.dnsDrop}`);
	});

	it('fails when TCP 53 is blocked while UDP passes', async () => {
		const result = await withScenario(ready, 'dns-tcp-blocked', async () => checkFrom(ready, 'dvm', 'dns.forwarder', {servers: [ip.dns], names: ['management.azure.com']}));
		expect(result).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(evidenceCodes(result)).toEqual(['dns-udp:ok', 'dns-tcp:TIMEOUT']);
		expect(result.evidence[1]!.connected).toBe(false);
		expect(result.remediation).toContain(`Allow TCP port 53 from 10.200.1.10 to ${ip.dns}`);
	});
});

describe.skipIf(!lab.ready)(labTitle(lab, 'dns.forwarder from the HLH'), () => {
	it('resolves over UDP and TCP: the ACL lets the HLH reach the forwarders', async () => {
		const result = await checkFrom(lab as ReadyLab, 'hlh', 'dns.forwarder', {});
		expect(result.status).toBe('pass');
		expect(result.vantage.localAddresses).toEqual(['10.200.1.11']);
	});
});
