import {describe, expect, inject, it} from 'vitest';
import {ip} from './lab-config.js';
import {checkFrom, labTitle, withScenario, type ReadyLab} from './lab-client.js';

/*
A border device that answers for an address on every port (DNAT catch-all, IPS, transparent proxy)
is one finding, owner proxy/security team, not N holes in the ACL nor an endpoint that "hangs".
The lab's catch-all address listens on 443 only; the `catch-all` scenario makes the router DNAT
every other TCP port of it to that listener.
*/

const lab = inject('lab');

describe.skipIf(!lab.ready)(labTitle(lab, 'catch-all listeners'), () => {
	const ready = lab as ReadyLab;
	const denyFlows = [443, 3389, 8080].map(port => ({host: ip.catchAll, port, expect: 'deny'}));

	it('acl.flow: a host that really listens on one port is one ACL hole; the second look finds the other ports closed', async () => {
		const result = await checkFrom(ready, 'dvm', 'acl.flow', {flows: denyFlows});
		expect(result.status).toBe('fail');
		expect(result.summary).toBe(`2/3 flows passed; TCP ${ip.catchAll}:443 must be denied from 10.200.1.10 but is open`);
		const look = result.evidence.filter(record => record.secondLook === 'catch-all');
		expect(look).toHaveLength(3);
		expect(look.every(record => record.errorCode === 'ECONNREFUSED')).toBe(true);
	});

	it('acl.flow: every port open is one catch-all finding for the proxy/security team', async () => {
		const result = await withScenario(ready, 'catch-all', async () => checkFrom(ready, 'dvm', 'acl.flow', {flows: denyFlows}));
		expect(result).toMatchObject({status: 'fail', owner: 'proxy-security-team'});
		expect(result.summary).toMatch(new RegExp(`^${ip.catchAll.replaceAll('.', '\\.')} accepts every port \\(also 1, 9, \\d+, which must be closed\\): a transparent proxy, IPS or DNAT catch-all answers in its place; 3 flows open to it \\(TCP 443, TCP 3389, TCP 8080\\) prove nothing about the ACL$`));
		expect(result.summary).not.toContain('must be denied');
		expect(result.remediation).not.toMatch(/^Deny/m);
		const look = result.evidence.filter(record => record.secondLook === 'catch-all');
		expect(look.map(record => record.ok)).toEqual([true, true, true]);
	});

	it('egress.endpoint: an endpoint that connects and never speaks TLS is a catch-all when every port answers', async () => {
		const endpoint = 'catchall.example:443';
		const plain = await checkFrom(ready, 'dvm', 'egress.endpoint', {endpoints: endpoint});
		expect(plain.summary).toContain('catchall.example:443 failed at TLS');
		expect(plain.evidence.filter(record => record.secondLook === 'catch-all').map(record => record.ok)).toEqual([false, false, false]);

		const caught = await withScenario(ready, 'catch-all', async () => checkFrom(ready, 'dvm', 'egress.endpoint', {endpoints: endpoint}));
		expect(caught).toMatchObject({status: 'fail', owner: 'proxy-security-team'});
		expect(caught.summary).toContain(`${ip.catchAll} accepts every port`);
		expect(caught.summary).toContain('catchall.example:443 connected but never completed TLS');
	});

	it('tls.not-intercepted: a handshake that never comes from an address that accepts every port is the catch-all, not a hung endpoint', async () => {
		const endpoint = 'catchall.example:443';
		const plain = await checkFrom(ready, 'dvm', 'tls.not-intercepted', {endpoints: endpoint});
		expect(plain.owner).not.toBe('proxy-security-team');
		expect(plain.evidence.filter(record => record.secondLook === 'catch-all').map(record => record.ok)).toEqual([false, false, false]);

		const caught = await withScenario(ready, 'catch-all', async () => checkFrom(ready, 'dvm', 'tls.not-intercepted', {endpoints: endpoint}));
		expect(caught).toMatchObject({status: 'fail', owner: 'proxy-security-team'});
		expect(caught.summary).toContain(`${ip.catchAll} accepts every port`);
		expect(caught.summary).toContain('catchall.example:443 connected but never completed TLS');
	});
});
