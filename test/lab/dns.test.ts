import {describe, expect, inject, it} from 'vitest';
import type {CheckResult} from '../../src/checks/types.js';
import {ip} from './lab-config.js';
import {checkFrom, labJob, labTitle, runFrom, withScenario, type ReadyLab} from './lab-client.js';

const lab = inject('lab');

/** The check's own probes, without its second look at a silent server. */
const evidenceCodes = (result: CheckResult) => result.evidence.filter(record => record.secondLook !== true).map(record => `${record.kind}:${record.errorCode ?? 'ok'}`);

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
			// A name of this run only: the server loses the first query for each name it has not seen.
			one([ip.dnsSlow], [`run-${process.pid}-${Date.now()}.lossy.example`]),
		]);
		const [good, nx, servfail, refused, dropped, closed, sinkhole, wrongId, slow] = outputs.map(output => output.result);
		expect(outputs.flatMap(output => output.leftover)).toEqual([]);
		expect(good!.status).toBe('pass');
		expect(good!.evidence).toHaveLength(16);
		expect(good!.vantage.localAddresses).toEqual(['10.200.1.10']);
		expect(nx!.summary).toMatch(/NXDOMAIN/);
		expect(servfail!.summary).toMatch(/SERVFAIL/);
		expect(refused!.summary).toMatch(/REFUSED \(recursion refused/);
		expect(refused!.remediation).toContain(`Allow recursive queries from 10.200.1.10 on ${ip.dnsRefused}.`);
		expect(dropped).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(evidenceCodes(dropped!)).toEqual(['dns-udp:TIMEOUT']);
		expect(closed!.summary).toMatch(/port closed \(ICMP port unreachable\)/);
		expect(evidenceCodes(closed!)).toEqual(['dns-udp:ECONNREFUSED']);
		expect(sinkhole!.summary).toMatch(/sinkholed: answered 0\.0\.0\.0/);
		expect(evidenceCodes(wrongId!)).toEqual(['dns-udp:ID_MISMATCH']);
		expect(evidenceCodes(slow!)).toEqual(['dns-udp:TIMEOUT']);
		for (const result of [nx, servfail, refused, dropped, closed, sinkhole, wrongId]) {
			expect(result!.status).toBe('fail');
		}

		// The first query is lost, the second look's resend is answered: a warn that names both causes it cannot
		// tell apart (a server slower than the timeout, or loss on the way).
		expect(slow).toMatchObject({status: 'warn', owner: 'network-team'});
		expect(slow!.summary).toMatch(/answers slower than the timeout \(e\.g\. a slow upstream\), or packets to or from it are being lost/);
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

describe.skipIf(!lab.ready)(labTitle(lab, 'dns.forwarder judges transports and servers together'), () => {
	const ready = lab as ReadyLab;
	it('passes a truncated UDP answer that TCP completes, names answers that disagree, keeps the count rule apart and warns on slowness', async () => {
		const outputs = await runFrom(ready, 'dvm', [
			labJob(ready, 'dns.forwarder', {servers: [ip.dnsTruncating, ip.dns], names: ['management.azure.com']}),
			labJob(ready, 'dns.forwarder', {servers: [ip.dnsSplit, ip.dns], names: ['login.microsoftonline.com']}),
			labJob(ready, 'dns.forwarder', {servers: [ip.dnsRefused], names: ['management.azure.com'], transports: ['udp']}),
			labJob(ready, 'dns.forwarder', {servers: [ip.dns], names: ['management.azure.com']}),
			// A generous timeout: the server answers after 1.3 s, which is what is judged, not the machine's speed.
			labJob(ready, 'dns.forwarder', {servers: [ip.dnsSluggish, ip.dns], names: ['management.azure.com'], slowMs: 1000, timeoutMs: 10_000}),
		]);
		expect(outputs.flatMap(output => output.leftover)).toEqual([]);
		const [truncating, split, refusedSingle, single, sluggish] = outputs.map(output => output.result);
		expect(truncating!.status).toBe('pass');
		expect(evidenceCodes(truncating!).slice(0, 2)).toEqual(['dns-udp:TRUNCATED', 'dns-tcp:ok']);
		expect(truncating!.summary).toContain('UDP answers were truncated (TC) and TCP completed them');
		expect(truncating!.summary).not.toMatch(/TCP 53/);

		expect(split).toMatchObject({owner: 'dns-team'});
		expect(split!.summary).toContain(`login.microsoftonline.com via ${ip.dnsSplit}: UDP and TCP disagree: UDP says ${ip.login}, TCP says 10.200.2.99`);

		expect(refusedSingle).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(refusedSingle!.summary).toMatch(/^no forwarder answers fully: management\.azure\.com via UDP 10\.200\.2\.61: REFUSED.* \(\+1 more\)$/);
		expect(refusedSingle!.remediation).toContain('Add a second DNS forwarder to the worksheet');

		expect(single).toMatchObject({status: 'warn', owner: 'customer'});
		expect(single!.summary).toMatch(/^only one forwarder is configured \(10\.200\.2\.53\)/);

		expect(sluggish).toMatchObject({status: 'warn', owner: 'dns-team'});
		expect(sluggish!.summary).toMatch(/^management\.azure\.com via UDP 10\.200\.2\.68 answered in \d+ ms, slower than 1000 ms \(\+1 more\)/);
	});
});

describe.skipIf(!lab.ready)(labTitle(lab, 'dns.forwarder: malformed replies are the server\'s'), () => {
	const ready = lab as ReadyLab;
	it('says in words what is wrong with the reply and sends it to the DNS team', async () => {
		const outputs = await runFrom(ready, 'dvm', [
			labJob(ready, 'dns.forwarder', {servers: [ip.dnsWrongId], names: ['management.azure.com'], transports: ['udp']}),
			labJob(ready, 'dns.forwarder', {servers: [ip.dnsCutOff], names: ['management.azure.com'], transports: ['udp']}),
			labJob(ready, 'dns.forwarder', {servers: [ip.dnsCutOff], names: ['management.azure.com'], transports: ['tcp']}),
			labJob(ready, 'dns.forwarder', {servers: [ip.dnsEcho], names: ['management.azure.com'], transports: ['udp']}),
		]);
		expect(outputs.flatMap(output => output.leftover)).toEqual([]);
		const [wrongId, cutUdp, cutTcp, echo] = outputs.map(output => output.result);
		for (const result of [wrongId, cutUdp, cutTcp, echo]) {
			expect(result).toMatchObject({status: 'fail', owner: 'dns-team'});
			expect(result!.remediation).toMatch(/^Fix or replace the DNS service at 10\.200\.2\.\d+: it answers (UDP|TCP) 53 with invalid replies/);
		}

		expect(wrongId!.summary).toContain(`management.azure.com via UDP ${ip.dnsWrongId}: invalid reply: the reply carries another transaction id than our query`);
		expect(cutUdp!.summary).toContain('invalid reply: the reply is cut off: it ends in the middle of a record');
		expect(cutTcp!.summary).toContain(`via TCP ${ip.dnsCutOff}: invalid reply: the reply is cut off`);
		expect(echo!.summary).toContain('invalid reply: the reply is a query, not an answer (QR bit not set): it echoed our query back');
	});
});

describe.skipIf(!lab.ready)(labTitle(lab, 'dns.forwarder from the HLH'), () => {
	it('resolves over UDP and TCP: the ACL lets the HLH reach the forwarders', async () => {
		const result = await checkFrom(lab as ReadyLab, 'hlh', 'dns.forwarder', {});
		expect(result.status).toBe('pass');
		expect(result.vantage.localAddresses).toEqual(['10.200.1.11']);
	});
});
