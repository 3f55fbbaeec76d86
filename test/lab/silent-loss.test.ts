import {describe, expect, inject, it} from 'vitest';
import type {CheckResult} from '../../src/checks/types.js';
import {ip, nothingThere} from './lab-config.js';
import {labJob, labTitle, runFrom, withScenario, type ReadyLab} from './lab-client.js';

const lab = inject('lab');

const looks = (result: CheckResult) => result.evidence.filter(record => record.secondLook === true).map(record => `${record.kind}:${record.errorCode ?? 'ok'}`);

describe.skipIf(!lab.ready)(labTitle(lab, 'silent loss: a filtered port or nothing there'), () => {
	const ready = lab as ReadyLab;
	it('says "filtered" (firewall team) when the host answers on other ports, and "nothing answers" (server owner) when nothing does', async () => {
		const outputs = await withScenario(ready, 'udp-filtered', async () => runFrom(ready, 'dvm', [
			labJob(ready, 'dns.forwarder', {servers: [ip.dns2], names: ['management.azure.com']}),
			labJob(ready, 'ntp.server', {server: ip.ntp, samples: 2}),
			labJob(ready, 'dns.forwarder', {servers: [nothingThere], names: ['management.azure.com']}),
			labJob(ready, 'ntp.server', {server: nothingThere, samples: 2}),
		]));
		expect(outputs.flatMap(output => output.leftover)).toEqual([]);
		const [dnsFiltered, ntpFiltered, dnsNothing, ntpNothing] = outputs.map(output => output.result);

		expect(dnsFiltered).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(dnsFiltered!.summary).toMatch(/^no forwarder answers fully: management\.azure\.com via UDP 10\.200\.2\.54: no answer on UDP 53, but the host answers DNS over TCP 53 and resets TCP 1: UDP 53 is filtered/);
		expect(dnsFiltered!.remediation).toContain(`Allow UDP port 53 from 10.200.1.10 to ${ip.dns2} on the firewall in the path`);
		expect(looks(dnsFiltered!)).toEqual(['dns-udp:TIMEOUT', 'tcp:ECONNREFUSED']);
		// The second look is evidence with its own timing.
		expect(dnsFiltered!.evidence.filter(record => record.secondLook).every(record => typeof record.durationMs === 'number')).toBe(true);

		expect(ntpFiltered).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(ntpFiltered!.summary).toBe(`NTP ${ip.ntp}: no answer on UDP 123, but the host resets TCP 1: UDP 123 is filtered on the way (or by the host's own firewall)`);
		expect(looks(ntpFiltered!)).toEqual(['ntp:TIMEOUT', 'tcp:ECONNREFUSED']);

		expect(dnsNothing).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(dnsNothing!.summary).toMatch(/^no forwarder answers fully: management\.azure\.com via UDP 10\.200\.2\.250: nothing at 10\.200\.2\.250 answers at all \(no reply on UDP 53, no reset from TCP 1\): the DNS server is down or the address is wrong, or a firewall drops everything to it \(\+2 more\)$/);
		expect(looks(dnsNothing!)).toEqual(['dns-udp:TIMEOUT', 'tcp:TIMEOUT']);

		expect(ntpNothing).toMatchObject({status: 'fail', owner: 'customer'});
		expect(ntpNothing!.summary).toBe(`NTP ${nothingThere}: nothing at ${nothingThere} answers at all (no reply on UDP 123, no reset from TCP 1): the time server is down or the address is wrong, or a firewall drops everything to it`);
	});

	it('stops the second look when the run is stopped, leaving nothing open', async () => {
		// Stopped while the second look's probes are in flight (they would otherwise wait 4 s each).
		const outputs = await runFrom(ready, 'dvm', [
			labJob(ready, 'dns.forwarder', {servers: [nothingThere], names: ['management.azure.com'], transports: ['udp']}, {timeoutMs: 4000, abortOnProbeStart: 'second look'}),
			labJob(ready, 'ntp.server', {server: nothingThere, samples: 1}, {timeoutMs: 4000, abortOnProbeStart: 'second look'}),
		]);
		for (const output of outputs) {
			expect(output.aborted).toBe(true);
			expect(output.leftover).toEqual([]);
			expect(looks(output.result).every(code => code.endsWith(':ABORTED'))).toBe(true);
			expect(looks(output.result).length).toBeGreaterThanOrEqual(2);
		}
	});
});

describe.skipIf(!lab.ready)(labTitle(lab, 'replies from an unexpected address'), () => {
	const ready = lab as ReadyLab;
	it('names the address the answer came from, owner the network team', async () => {
		const outputs = await runFrom(ready, 'dvm', [
			labJob(ready, 'dns.forwarder', {servers: [ip.dnsAsym, ip.dns], names: ['management.azure.com']}),
			labJob(ready, 'ntp.server', {server: ip.ntpAsym, samples: 2}),
		]);
		expect(outputs.flatMap(output => output.leftover)).toEqual([]);
		const [dns, ntp] = outputs.map(output => output.result);
		expect(dns).toMatchObject({status: 'warn', owner: 'network-team'});
		expect(dns!.summary).toBe(`only 1 of 2 forwarders answer fully (${ip.dns}): management.azure.com via UDP ${ip.dnsAsym}: no answer from ${ip.dnsAsym}; the answer came from ${ip.dnsAsymReply}, not from the server you asked`);
		expect(dns!.evidence.find(record => record.unconnected)).toMatchObject({replyFrom: ip.dnsAsymReply, ok: true, secondLook: true});
		expect(ntp).toMatchObject({status: 'fail', owner: 'network-team'});
		expect(ntp!.summary).toBe(`NTP ${ip.ntpAsym}: no answer from ${ip.ntpAsym}; the answer came from ${ip.ntpAsymReply}, not from the server you asked`);
	});
});
