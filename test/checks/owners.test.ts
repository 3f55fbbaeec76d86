import {describe, expect, it} from 'vitest';
import {judgeFlow} from '../../src/checks/judge/acl-judge.js';
import {deviceOwners} from '../../src/checks/owners.js';

describe('owners follow who configures the device', () => {
	it('sends a blocked flow the switch ACL must allow to the OEM, a border flow to the firewall team', () => {
		const blocked = {target: 'udp://10.50.10.50:53', kind: 'dns-udp', ok: false, durationMs: 1000, errorCode: 'TIMEOUT', localAddress: '10.193.132.29'};
		const switchAcl = judgeFlow({host: '10.50.10.50', port: 53, protocol: 'dns', expect: 'allow', owner: 'oem'}, blocked);
		expect(switchAcl).toMatchObject({status: 'fail', owner: 'oem'});
		expect(switchAcl.remediation).toBe('Allow UDP port 53 from 10.193.132.29 to 10.50.10.50 in the switch ACL (the OEM regenerates and reapplies the configuration).');
		expect(judgeFlow({host: '10.50.10.50', port: 53, protocol: 'dns', expect: 'allow'}, blocked).owner).toBe('firewall-team');
	});

	it('keeps the owner table as data: every owner of a device is a known team', () => {
		expect(deviceOwners.find(entry => entry.device === 'switch ACL')?.owner).toBe('oem');
		expect(deviceOwners.find(entry => entry.device === 'border firewall')?.owner).toBe('firewall-team');
	});
});
