import {describe, expect, inject, it} from 'vitest';
import {hostAddress, ip, routerUplink} from './lab-config.js';
import {checkFrom, labTitle, withScenario, type ReadyLab} from './lab-client.js';

/*
egress.source asks a real HTTPS echo (myip.lab.example, resolved through the lab forwarders, trusted
through the lab CA) which address it saw. Without NAT it is the DVM's own; with the `snat` scenario
the router translates the BMC network to its uplink address.
*/

const lab = inject('lab');

describe.skipIf(!lab.ready)(labTitle(lab, 'egress.source: the address the internet sees'), () => {
	const ready = lab as ReadyLab;

	it('passes with no NAT when the rules are written for the DVM, reading plain text', async () => {
		const result = await checkFrom(ready, 'dvm', 'egress.source', {echoUrls: ['https://myip.lab.example/'], expected: [hostAddress.dvm, []]});
		expect(result.status).toBe('pass');
		expect(result.summary).toBe(`the internet sees ${hostAddress.dvm} (this host's own address, no NAT), by https://myip.lab.example/, as the firewall rules expect (${hostAddress.dvm})`);
	});

	it('NAT is no failure when the customer named the NAT address; JSON is read after a URL that fails', async () => {
		const result = await withScenario(ready, 'snat', async () => checkFrom(ready, 'dvm', 'egress.source', {
			echoUrls: ['https://nothing.nx.example/ip', 'https://myip.lab.example/json'],
			expected: [hostAddress.dvm, [routerUplink]],
		}));
		expect(result.status).toBe('pass');
		expect(result.summary).toBe(`the internet sees ${routerUplink} (NAT of this host's ${hostAddress.dvm}), by https://myip.lab.example/json, as the firewall rules expect (${hostAddress.dvm}, ${routerUplink})`);
	});

	it('warns, naming both addresses, when the translated source is not what the rules are written for', async () => {
		const result = await withScenario(ready, 'snat', async () => checkFrom(ready, 'dvm', 'egress.source', {echoUrls: 'https://myip.lab.example/', expected: hostAddress.dvm}));
		expect(result).toMatchObject({status: 'warn', owner: 'firewall-team'});
		expect(result.summary).toBe(`the internet sees ${routerUplink} (NAT of this host's ${hostAddress.dvm}), by https://myip.lab.example/, but the firewall rules are written for ${hostAddress.dvm}: they will not match ${routerUplink}`);
	});

	it('says why no echo answered, per URL, and judges nothing', async () => {
		const result = await checkFrom(ready, 'dvm', 'egress.source', {echoUrls: ['https://expired.example/', `https://${ip.http403}:80/`], expected: hostAddress.dvm});
		expect(result.status).toBe('error');
		expect(result.summary).toMatch(/^no echo URL told the address the internet sees: https:\/\/expired\.example\/: expired\.example:443 failed at TLS.*; https:\/\/10\.200\.2\.19:80\/: /);
	});
});
