import {describe, expect, inject, it} from 'vitest';
import {ip} from './lab-config.js';
import {checkFrom, labJob, labTitle, runFrom, type ReadyLab} from './lab-client.js';

const lab = inject('lab');

describe.skipIf(!lab.ready)(labTitle(lab, 'ntp.server from the DVM'), () => {
	const ready = lab as ReadyLab;
	it('passes the good server and fails +2 h, unsynchronised and silent ones', async () => {
		const outputs = await runFrom(ready, 'dvm', [ip.ntp, ip.ntpAhead, ip.ntpUnsync, ip.ntpSilent].map(server => labJob(ready, 'ntp.server', {server, samples: 3})));
		const [good, ahead, unsync, silent] = outputs.map(output => output.result);
		expect(outputs.flatMap(output => output.leftover)).toEqual([]);
		expect(good!.status).toBe('pass');
		expect(good!.evidence).toHaveLength(3);
		expect(good!.evidence[0]).toMatchObject({kind: 'ntp', stratum: 8, leapIndicator: 0, localAddress: '10.200.1.10'});
		expect(ahead!.status).toBe('fail');
		expect(ahead!.summary).toMatch(/NTP 10\.200\.2\.124 is 7\d{3} s ahead of this host.*Kerberos/);
		expect(unsync!.status).toBe('fail');
		expect(unsync!.summary).toMatch(/not synchronised \(leap indicator 3, stratum 0\)/);
		expect(silent).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(silent!.evidence.filter(record => !record.secondLook).map(record => record.errorCode)).toEqual(['TIMEOUT']);
	});

	it('warns that every switch must resolve a time server given as a name', async () => {
		const result = await checkFrom(ready, 'dvm', 'ntp.server', {server: 'time.lab.example', samples: 2});
		expect(result.status).toBe('warn');
		expect(result.summary).toContain(`NTP time.lab.example → ${ip.ntp} is`);
		expect(result.summary).toContain('time.lab.example resolves to 1 address, every one asked; the time server is a name: every switch must be able to resolve it');
		expect(result.evidence[0]).toMatchObject({kind: 'dns-udp', server: ip.dns});
	});

	it('asks every address a time server name resolves to: one clock two hours ahead fails the name', async () => {
		const result = await checkFrom(ready, 'dvm', 'ntp.server', {server: 'pool.time.lab.example', samples: 2});
		expect(result.status).toBe('fail');
		const asked = new Set(result.evidence.filter(record => record.kind === 'ntp').map(record => record.server));
		expect(asked).toEqual(new Set([ip.ntp, ip.ntpAhead]));
		expect(result.summary).toMatch(new RegExp(`pool\\.time\\.lab\\.example → ${ip.ntpAhead.replaceAll('.', '\\.')} is 7\\d{3} s ahead`));
		expect(result.summary).toContain('pool.time.lab.example resolves to 2 addresses, every one asked');
	});
});

describe.skipIf(!lab.ready)(labTitle(lab, 'ntp.server: malformed replies are the server\'s'), () => {
	it('says the echo, the wrong origin and the short packet in words, owner the time server\'s owner', async () => {
		const ready = lab as ReadyLab;
		const outputs = await runFrom(ready, 'dvm', [ip.ntpEcho, ip.ntpBadOrigin, ip.ntpShort].map(server => labJob(ready, 'ntp.server', {server, samples: 2})));
		expect(outputs.flatMap(output => output.leftover)).toEqual([]);
		const [echo, badOrigin, short] = outputs.map(output => output.result);
		for (const result of [echo, badOrigin, short]) {
			expect(result).toMatchObject({status: 'fail', owner: 'customer'});
			expect(result!.remediation).toMatch(/^Fix the time service at 10\.200\.2\.12\d, or give the worksheet a working NTP server/);
		}

		expect(echo!.summary).toBe(`NTP ${ip.ntpEcho}: invalid reply: the reply echoed our request (mode 3) — not an NTP server`);
		expect(echo!.evidence[0]).toMatchObject({errorCode: 'BAD_MODE', mode: 3, replyBytes: 48});
		expect(badOrigin!.summary).toBe(`NTP ${ip.ntpBadOrigin}: invalid reply: the reply's origin timestamp is not our request's transmit time (a stale or forged reply, or a broken server)`);
		expect(short!.summary).toBe(`NTP ${ip.ntpShort}: invalid reply: the reply of 40 bytes is shorter than an NTP packet (48 bytes)`);
	});
});

describe.skipIf(!lab.ready)(labTitle(lab, 'ntp.server from the HLH'), () => {
	it('reaches the time server (the ACL allows UDP 123) but not a server outside the rule', async () => {
		const ready = lab as ReadyLab;
		const [allowed, denied] = await runFrom(ready, 'hlh', [labJob(ready, 'ntp.server', {server: ip.ntp, samples: 1}), labJob(ready, 'ntp.server', {server: ip.ntpAhead, samples: 1})]);
		expect(allowed!.result.status).toBe('pass');
		expect(denied!.result.evidence.filter(record => !record.secondLook).map(record => record.errorCode)).toEqual(['TIMEOUT']);
	});
});
