import {describe, expect, inject, it} from 'vitest';
import {ip} from './lab-config.js';
import {labJob, labTitle, runFrom, type ReadyLab} from './lab-client.js';

const lab = inject('lab');

describe.skipIf(!lab.ready)(labTitle(lab, 'names resolve through the session\'s DNS forwarders'), () => {
	const ready = lab as ReadyLab;
	it('tcp.connect and acl.flow resolve through the forwarders, and resolver failures are DNS findings', async () => {
		const outputs = await runFrom(ready, 'dvm', [
			labJob(ready, 'tcp.connect', {host: 'management.azure.com', port: 443}),
			labJob(ready, 'tcp.connect', {host: 'x.nx.example', port: 443}),
			// No forwarders in the session: an error that says so, never a silent fall-back to the OS resolver.
			labJob(ready, 'tcp.connect', {host: 'management.azure.com', port: 443}, {dnsServers: []}),
			labJob(ready, 'acl.flow', {flows: [{host: 'x.nx.example', port: 443, expect: 'allow'}]}),
		]);
		expect(outputs.flatMap(output => output.leftover)).toEqual([]);
		const [arm, nx, noForwarders, flow] = outputs.map(output => output.result);
		expect(arm!.status).toBe('pass');
		expect(arm!.summary).toMatch(new RegExp(`^TCP management\\.azure\\.com:443 \\(${ip.mgmt.replaceAll('.', '\\.')}\\) is reachable`));
		expect(arm!.evidence[0]).toMatchObject({kind: 'dns-udp', server: ip.dns, name: 'management.azure.com'});

		expect(nx).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(nx!.summary).toMatch(/^TCP x\.nx\.example:443: cannot resolve x\.nx\.example through the DNS forwarders: .*NXDOMAIN/);

		expect(noForwarders).toMatchObject({status: 'error', summary: 'TCP management.azure.com:443: cannot resolve management.azure.com: no DNS forwarders configured to resolve it'});
		expect(noForwarders!.evidence).toEqual([]);

		expect(flow).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(flow!.summary).toContain('cannot test the flow: x.nx.example did not resolve through the forwarders (NXDOMAIN');
	});
});
