import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CheckResult} from '../../src/checks/types.js';
import {runSteps} from '../../src/engine/run-steps.js';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {buildReport} from '../../src/reports/build-report.js';
import {Redactor, redactReport} from '../../src/reports/redact.js';
import {renderHandover} from '../../src/reports/render-handover.js';
import {renderJunit} from '../../src/reports/render-junit.js';
import {renderMarkdown} from '../../src/reports/render-markdown.js';
import {repoRoot, tempDir} from '../helpers/paths.js';
import {openDriven, testRunFlags} from '../journal/drive-session.js';
import {generatedAt, parseXml, schemaErrors} from './report-fixtures.js';

const identityRunbook = path.join(repoRoot, 'test', 'fixtures', 'reports', 'identity.yaml');

/** Every original value the session below puts somewhere in its report. */
const originals = {
	ips: ['10.0.0.53', '10.0.1.53', '10.20.30.0', '192.168.10.5', '20.190.160.1', '172.16.0.1', '2603:1030::1', 'fe80::1', 'fd00::5'],
	domains: ['azs.contoso.com', 'contoso.onmicrosoft.com', 'dns1.contoso.com', 'dvm01.azs.contoso.local', 'login.mso.msidentity.com', 'crl.fabrikam.pl', 'jump01.fabrikam.pl'],
	names: ['contoso', 'fabrikam', 'Fabrikam Holdings'],
};

/** Published Microsoft endpoints (steps/endpoints): support needs them, so they stay readable. */
const published = ['login.microsoftonline.com', 'management.azure.com', 'msftauth.net', 'graph.windows.net'];

/** A session whose inputs, results, evidence, command output, override and stale reasons all carry addresses. */
async function sessionWithAddresses() {
	const stateDir = tempDir();
	const {opened, loaded, clock} = openDriven({stateDir, runbookFile: identityRunbook});
	const {controller} = opened;
	const inputs: Array<[string, string | string[]]> = [
		['dns_forwarders', ['10.0.0.53', '10.0.1.53']],
		['external_domain', 'azs.contoso.com'],
		['aad_tenant', 'contoso.onmicrosoft.com'],
		['tenant_display_name', 'Fabrikam Holdings'],
		['bmc_network', '10.20.30.0/26'],
	];
	for (const [name, value] of inputs) {
		clock.advance(60_000);
		controller.dispatch({type: 'input.set', name, value});
	}

	await runSteps(controller, {}, testRunFlags());
	clock.advance(60_000);
	const result: CheckResult = {
		checkId: 'tcp.connect',
		status: 'fail',
		summary: 'login.microsoftonline.com (20.190.160.1) did not answer from 192.168.10.5; Fabrikam Holdings must allow it',
		remediation: 'Allow 10.0.0.53:53 and *.msftauth.net, then ask the contoso.onmicrosoft.com administrator; CRL at http://crl.fabrikam.pl/root.crl',
		owner: 'firewall-team',
		evidence: [{
			target: 'udp://10.0.0.53:53 management.azure.com A',
			kind: 'dns-udp',
			ok: false,
			durationMs: 5,
			errorCode: 'ETIMEOUT',
			localAddress: '192.168.10.5',
			answers: ['20.190.160.1', '2603:1030::1'],
			nested: {cname: 'login.mso.msidentity.com.', server: 'fe80::1%eth0', 'graph.windows.net': 'key that is a domain'},
		}],
		startedAt: clock.now().toISOString(),
		durationMs: 5,
		vantage: {host: 'dvm01.azs.contoso.local', localAddresses: ['192.168.10.5', 'fd00::5']},
		endpointList: 'azure-public (2022-01-10)',
	};
	controller.dispatch({type: 'check.finished', stepId: 'identity-reachable', result, ttlSeconds: 3600, usedInputs: ['dns_forwarders']});
	controller.dispatch({type: 'results.staled', stepIds: ['lookup'], reason: 'result was measured on jump01.fabrikam.pl, this is dvm01.azs.contoso.local'});
	controller.dispatch({type: 'step.overridden', stepId: 'identity-reachable', reason: 'firewall 172.16.0.1 blocks graph.windows.net until Monday; dns1.contoso.com answers'});
	opened.store.close();
	const read = readSessionReadOnly(stateDir, 'site-a', loaded.runbook)!;
	return buildReport(loaded, read.session, read.journal, {generatedAt});
}

function leaks(text: string): string[] {
	const lower = text.toLowerCase();
	return [...originals.ips, ...originals.domains, ...originals.names].filter(value => lower.includes(value.toLowerCase()));
}

describe('--redact', () => {
	it('leaves no original IP address, domain or tenant name in any format', async () => {
		const report = await sessionWithAddresses();
		// The unredacted report really holds every one of them, or this test proves nothing.
		const plain = JSON.stringify(report);
		expect([...originals.ips, ...originals.domains, ...originals.names, ...published].filter(value => !plain.toLowerCase().includes(value.toLowerCase()))).toEqual([]);

		// Where and with what each result was measured, before redaction.
		const plainMarkdown = renderMarkdown(report);
		expect(plainMarkdown).toContain('Measured from host dvm01.azs.contoso.local (192.168.10.5, fd00::5); endpoint list azure-public (2022-01-10)');
		expect(plainMarkdown).toContain('- azure-public (2022-01-10): `identity-reachable`');

		const redacted = redactReport(report);
		expect(redacted.redacted).toBe(true);
		expect(schemaErrors(redacted)).toEqual([]);
		const outputs = {
			json: JSON.stringify(redacted, null, 2),
			md: renderMarkdown(redacted),
			junit: renderJunit(redacted),
			handover: renderHandover(redacted, {resumeCommand: 'azs-runbook --session site-a'}),
		};
		for (const [format, text] of Object.entries(outputs)) {
			expect(leaks(text), format).toEqual([]);
		}

		expect(published.filter(name => !outputs.json.includes(name))).toEqual([]);

		parseXml(outputs.junit);
		expect(outputs.md).toContain('| Redacted | yes');
	});

	it('gives the same value the same token everywhere, and keeps the report readable', async () => {
		const redacted = redactReport(await sessionWithAddresses());
		const forwarders = redacted.inputs.find(input => input.name === 'dns_forwarders')!.value as string[];
		expect(forwarders).toEqual([expect.stringMatching(/^IP-\d+$/), expect.stringMatching(/^IP-\d+$/)]);
		const [first] = forwarders;
		const step = redacted.phases[1]!.steps.find(candidate => candidate.id === 'identity-reachable')!;
		expect(step.check!.evidence[0]!.target).toBe(`udp://${first}:53 management.azure.com A`);
		expect(step.check!.remediation).toContain(`Allow ${first}:53 and *.msftauth.net`);
		expect(step.check!.summary).toMatch(/^login\.microsoftonline\.com \(IP-\d+\) did not answer from IP-\d+; TENANT-\d+ must allow it$/);
		expect(step.check!.vantage.host).toMatch(/^HOST-\d+$/);
		expect(step.check!.vantage.localAddresses).toEqual([expect.stringMatching(/^IP-\d+$/), expect.stringMatching(/^IP-\d+$/)]);
		const nested = step.check!.evidence[0]!.nested as Record<string, string>;
		expect(nested.cname).toMatch(/^DOMAIN-\d+\.$/);
		expect(nested.server).toMatch(/^IP-\d+%eth0$/);
		// Keys are walked too: evidence is free-form.
		expect(Object.keys(nested)).toEqual(['cname', 'server', 'graph.windows.net']);
		const tenant = redacted.inputs.find(input => input.name === 'aad_tenant')!.value as string;
		expect(tenant).toMatch(/^TENANT-\d+$/);
		expect(step.check!.remediation).toContain(`ask the ${tenant} administrator`);
		expect(redacted.inputs.find(input => input.name === 'bmc_network')!.value).toMatch(/^IP-\d+\/26$/);
		// Identifiers are not addresses: step, check and input names stay.
		expect(step.check!.checkId).toBe('tcp.connect');
		expect(redacted.vantages.every(vantage => /^HOST-\d+$/.test(vantage.host))).toBe(true);
	});

	it('tells domains from identifiers and file names, and catches what only looks like text', () => {
		const redactor = new Redactor(new Set(['dns.forwarder']));
		expect(redactor.value('dns.forwarder')).toBe('dns.forwarder');
		expect(redactor.value('console.log(process.argv.slice(1))')).toBe('console.log(process.argv.slice(1))');
		expect(redactor.value('see cert.contoso.com.pfx at 08:12:33 on 2026-01-05T08:00:00.000Z, v1.2100.2715.429')).toBe('see DOMAIN-1.pfx at 08:12:33 on 2026-01-05T08:00:00.000Z, v1.2100.2715.429');
		expect(redactor.value('mail alice@CONTOSO.com or https://Contoso.com/x')).toBe('mail USER-1@DOMAIN-2 or https://DOMAIN-2/x');
		expect(redactor.value('::ffff:10.1.2.3 and 10.1.2.3')).toBe('IP-1 and IP-2');
		// Service names (SRV) are one DNS name.
		expect(redactor.value('_ldap._tcp.dc._msdcs.corp.contoso.com')).toBe('DOMAIN-3');
	});
});
