import {describe, expect, inject, it} from 'vitest';
import {bmcNetwork, hostAddress, ip, publicVipPool} from './lab-config.js';
import {checkFrom, labTitle, type ReadyLab} from './lab-client.js';

const lab = inject('lab');

describe.skipIf(!lab.ready)(labTitle(lab, 'acl.flow: switch ACL'), () => {
	const ready = lab as ReadyLab;
	const web = [ip.login, ip.mgmt, ip.graph].map(host => ({host, port: 443, protocol: 'tcp'}));

	it('classifies the HLH\'s drop, reset and ICMP reject, each a pass for a deny', async () => {
		const result = await checkFrom(ready, 'hlh', 'acl.flow', {flows: web.map(flow => ({...flow, expect: 'deny'})), expectedSource: bmcNetwork});
		expect(result.status).toBe('pass');
		expect(result.evidence.map(record => [record.errorCode, record.outcome])).toEqual([
			['TIMEOUT', 'dropped'],
			['ECONNREFUSED', 'refused'],
			['EHOSTUNREACH', 'unreachable'],
		]);
		expect(result.vantage.localAddresses).toEqual([hostAddress.hlh]);
	});

	it('leaves the DVM unrestricted while the HLH is denied', async () => {
		const allow = web.map(flow => ({...flow, expect: 'allow'}));
		const dvm = await checkFrom(ready, 'dvm', 'acl.flow', {flows: allow, expectedSource: bmcNetwork});
		expect(dvm.status).toBe('pass');
		expect(dvm.evidence.map(record => record.outcome)).toEqual(['open', 'open', 'open']);
		const hlh = await checkFrom(ready, 'hlh', 'acl.flow', {flows: allow});
		expect(hlh).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(hlh.summary).toMatch(/^0\/3 flows passed; /);
		// One sentence for the three destinations, not three that differ in one address.
		expect(hlh.remediation).toBe(`Allow TCP port 443 from ${hostAddress.hlh} to ${ip.login}, ${ip.mgmt} and ${ip.graph} in the switch ACL or firewall.`);
	});

	it('lets the HLH reach DNS and NTP, as the ACL permits them by protocol and port', async () => {
		const result = await checkFrom(ready, 'hlh', 'acl.flow', {flows: [{host: ip.dns, protocol: 'dns', expect: 'allow'}, {host: ip.dns, protocol: 'dns-tcp', expect: 'allow'}, {host: ip.ntp, protocol: 'ntp', expect: 'allow'}, {host: ip.ntpAhead, protocol: 'ntp', expect: 'deny'}]});
		expect(result.status).toBe('pass');
		expect(result.evidence.map(record => record.outcome)).toEqual(['open', 'open', 'open', 'dropped']);
	});

	it('fails a deny that is open', async () => {
		const result = await checkFrom(ready, 'dvm', 'acl.flow', {flows: {host: ip.login, port: 443, expect: 'deny', label: 'DVM to login'}});
		expect(result.status).toBe('fail');
		expect(result.summary).toContain(`DVM to login (TCP ${ip.login}:443) must be denied from ${hostAddress.dvm} but is open`);
	});

	it('warns, for the OEM to confirm, when a flow the design may permit is open (HTTPS from the HLH)', async () => {
		const result = await checkFrom(ready, 'dvm', 'acl.flow', {flows: [{host: ip.login, port: 443, expect: 'confirm', owner: 'oem', label: 'HTTPS beyond the border'}, {host: ip.dns, protocol: 'dns', expect: 'allow'}]});
		expect(result).toMatchObject({status: 'warn', owner: 'oem'});
		expect(result.summary).toContain(`HTTPS beyond the border (TCP ${ip.login}:443) is open from ${hostAddress.dvm}: confirm that the ACL design permits it`);
		const blocked = await checkFrom(ready, 'hlh', 'acl.flow', {flows: [{host: ip.login, port: 443, expect: 'confirm', owner: 'oem'}]});
		expect(blocked.status).toBe('pass');
	});

	it('fails with the OEM as owner when every restricted flow is open: the ACL does not restrict the host', async () => {
		const result = await checkFrom(ready, 'dvm', 'acl.flow', {flows: [
			{host: ip.login, port: 443, expect: 'confirm', owner: 'oem'},
			{host: ip.mgmt, port: 443, expect: 'deny', owner: 'oem'},
		]});
		expect(result).toMatchObject({status: 'fail', owner: 'oem'});
		expect(result.summary).toContain('all 2 flows that should be restricted are open');
		expect(result.summary).toContain('the ACL does not restrict this host');
	});

	it('flags a flow that passed from the wrong source', async () => {
		const result = await checkFrom(ready, 'dvm', 'acl.flow', {flows: [{host: ip.dns, protocol: 'dns', expect: 'allow', expectedSource: publicVipPool}]});
		expect(result).toMatchObject({status: 'fail', owner: 'operator'});
		expect(result.summary).toContain(`passed, but from the wrong source ${hostAddress.dvm} (expected ${publicVipPool})`);
	});
});

describe.skipIf(!lab.ready)(labTitle(lab, 'acl.flow: source address of blocked flows'), () => {
	it('records the source address even when the connection never opens', async () => {
		const result = await checkFrom(lab as ReadyLab, 'hlh', 'acl.flow', {flows: [ip.login, ip.mgmt, ip.graph].map(host => ({host, port: 443, expect: 'deny'}))});
		expect(result.evidence.map(record => record.localAddress)).toEqual([hostAddress.hlh, hostAddress.hlh, hostAddress.hlh]);
		expect(result.summary).toBe('all 3 flows passed');
	});
});
