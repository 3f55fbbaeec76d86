import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, inject, it} from 'vitest';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {buildReport} from '../../src/reports/build-report.js';
import {buildRequests} from '../../src/reports/build-requests.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {requestViolations, requestsSchemaErrors} from '../reports/requests-properties.js';
import {writeRunbook} from '../ui/helpers/runbooks.js';
import {bmcNetwork, hostAddress, ip, publicVipPool} from './lab-config.js';
import {labJob, labTitle, runFrom, withScenario, type ReadyLab} from './lab-client.js';

/*
Change requests from real lab results: TCP 53 dropped, identity 443 reset and TLS to the ARM endpoint
intercepted, all measured from the DVM's namespace against the lab's dnsmasq, web servers and
intercepting proxy, and the HLH left open by the ACL measured from the HLH's namespace; recorded into
a session through the engine.
*/

const lab = inject('lab');
const identity = ['login.microsoftonline.com', 'management.azure.com'].map(host => ({host, ports: [443], protocol: 'https', category: 'identity'}));

describe.skipIf(!lab.ready)(labTitle(lab, 'change requests from a lab session with several failures'), () => {
	const ready = lab as ReadyLab;

	it('each team gets exactly the rules needed, and every failing finding is in exactly one request', async () => {
		const outputs = await withScenario(ready, 'dns-tcp-blocked', async () => withScenario(ready, 'login-reset', async () => withScenario(ready, 'intercept-management', async () => runFrom(ready, 'dvm', [
			labJob(ready, 'dns.forwarder', {servers: [ip.dns, ip.dns2], names: ['management.azure.com']}),
			labJob(ready, 'egress.endpoint', {endpoints: identity}),
			labJob(ready, 'tls.not-intercepted', {endpoints: ['management.azure.com']}),
		]))));
		const [dns, egress, tls] = outputs.map(output => output.result);
		const [hlh] = (await withScenario(ready, 'hlh-open', async () => runFrom(ready, 'hlh', [
			labJob(ready, 'acl.flow', {expectedSource: bmcNetwork, flows: [{host: 'management.azure.com', port: 443, expect: 'deny', label: 'HLH to the internet'}]}),
		]))).map(output => output.result);
		expect([dns!.status, egress!.status, tls!.status, hlh!.status]).toEqual(['fail', 'fail', 'fail', 'fail']);

		const dir = mkdtempSync(path.join(os.tmpdir(), 'azs-lab-requests-'));
		try {
			const file = writeRunbook(dir, 'labreq', [
				{id: 'worksheet', title: 'Worksheet', steps: [
					'{kind: input, id: dvm, name: dvm_address, type: ipv4, title: DVM address, body: x}',
					'{kind: input, id: hlh, name: hlh_address, type: ipv4, title: HLH address, body: x}',
					'{kind: input, id: bmc, name: bmc_network, type: cidr, title: BMC network, body: x}',
					'{kind: input, id: vip, name: public_vip_pool, type: cidr, title: Public VIP pool, body: x}',
					'{kind: input, id: fwd, name: dns_forwarders, type: ipv4-list, title: DNS forwarders, body: x}',
				]},
				{id: 'egress', title: 'DVM egress', steps: [
					'{kind: check, id: egress-dns, title: DNS forwarders, body: x, check: dns.forwarder, params: {servers: [10.0.0.1]}}',
					'{kind: check, id: egress-identity, title: Identity, body: x, check: egress.endpoint, params: {endpoints: [login.microsoftonline.com]}}',
					'{kind: check, id: egress-tls, title: TLS, body: x, check: tls.not-intercepted, params: {endpoints: [management.azure.com]}}',
				]},
				{id: 'switch-acl', title: 'Switch ACLs', steps: [
					'{kind: check, id: acl-hlh-denied, title: HLH denied, body: x, check: acl.flow, params: {flows: [{host: 10.0.0.1, port: 443, expect: deny}]}}',
				]},
			]);
			const loaded = loadRunbook(file);
			const opened = openSession({loaded, stateDir: dir, name: 'lab', operator: 'tester'})!;
			try {
				for (const [name, value] of [['dvm_address', hostAddress.dvm], ['hlh_address', hostAddress.hlh], ['bmc_network', bmcNetwork], ['public_vip_pool', publicVipPool], ['dns_forwarders', [ip.dns, ip.dns2]]] as const) {
					opened.controller.dispatch({type: 'input.set', name, value: value as string | string[]});
				}

				for (const [stepId, result] of [['egress-dns', dns], ['egress-identity', egress], ['egress-tls', tls], ['acl-hlh-denied', hlh]] as const) {
					opened.controller.dispatch({type: 'check.finished', stepId, result: result!, ttlSeconds: 3600, usedInputs: []});
				}
			} finally {
				opened.store.close();
			}

			const read = readSessionReadOnly(dir, 'lab', loaded.runbook)!;
			const report = buildReport(loaded, read.session, read.journal, {});
			const requests = buildRequests(report);
			expect(requestViolations(report, requests)).toEqual([]);
			expect(requestsSchemaErrors(requests)).toEqual([]);
			const rules = Object.fromEntries(requests.requests.map(request => [request.owner, request.rules.map(rule => [rule.action, rule.source.range, rule.destination.names.join() || rule.destination.address, rule.protocol, rule.port, rule.observed.join()])]));
			expect(rules).toEqual({
				'firewall-team': [
					['allow', `${hostAddress.dvm}/32`, ip.dns, 'TCP', 53, 'dropped'],
					['allow', `${hostAddress.dvm}/32`, ip.dns2, 'TCP', 53, 'dropped'],
					['allow', `${hostAddress.dvm}/32`, 'login.microsoftonline.com', 'TCP', 443, 'reset'],
				],
				'proxy-security-team': [
					['exempt-from-tls-inspection', `${hostAddress.dvm}/32`, 'management.azure.com', 'TCP', 443, 'intercepted'],
				],
				oem: [
					['deny', `${hostAddress.hlh}/32`, 'management.azure.com', 'TCP', 443, 'open'],
				],
			});
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	}, 120_000);
});
