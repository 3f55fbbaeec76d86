import {describe, expect, it} from 'vitest';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {buildReport} from '../../src/reports/build-report.js';
import {buildRequests} from '../../src/reports/build-requests.js';
import {csvCell, renderRequestsCsv, renderRequestsMarkdown} from '../../src/reports/render-requests.js';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {driveScenario} from '../../src/training/drive-scenario.js';
import {findScenario} from '../../src/training/scenario-library.js';
import {tempDir} from '../helpers/paths.js';
import {requestViolations, requestsSchemaErrors} from './requests-properties.js';

/*
Change requests from sessions driven through the engine on the training simulator (the same checks
and judges as the network; the lab test in test/lab/requests.test.ts does it against real servers).
*/

const loaded = loadRunbook(embeddedRunbookPath());

async function drivenReport(scenarioId: string) {
	const trainingDir = tempDir();
	await driveScenario({loaded, scenario: findScenario(scenarioId, loaded.runbook)!, trainingDir, session: scenarioId});
	const read = readSessionReadOnly(trainingDir, scenarioId, loaded.runbook)!;
	return buildReport(loaded, read.session, read.journal, {generatedAt: '2026-01-05T12:00:00.000Z', version: '0.0.0-test'});
}

describe('change requests', () => {
	it('TCP 53 dropped: one allow rule per forwarder and source, merged across the three checks that saw it', async () => {
		const report = await drivenReport('dns-tcp-blocked');
		const requests = buildRequests(report);
		expect(requestViolations(report, requests)).toEqual([]);
		expect(requestsSchemaErrors(requests)).toEqual([]);
		expect(requests.requests.map(request => request.owner)).toEqual(['firewall-team']);
		const [firewall] = requests.requests;
		expect(firewall!.rules.map(rule => [rule.action, rule.source.range, rule.destination.address, rule.protocol, rule.port, rule.observed.join()])).toEqual([
			['allow', '10.193.132.29/32', '10.50.10.50', 'TCP', 53, 'dropped'],
			['allow', '10.193.132.29/32', '10.50.10.51', 'TCP', 53, 'dropped'],
			['allow', '203.0.113.0/27', '10.50.10.50', 'TCP', 53, 'dropped'],
			['allow', '203.0.113.0/27', '10.50.10.51', 'TCP', 53, 'dropped'],
		]);
		expect(firewall!.rules[0]!.stepIds).toEqual(['egress-dns-forwarders', 'acl-dvm-flows', 'deploy-recheck-dns']);
		// The training walk overrode the DVM findings: they are overrides in force, and the rules stay.
		expect(firewall!.rules[0]!.waived).toBe(true);
		expect(firewall!.overrides.map(override => override.stepId)).toEqual(['egress-dns-forwarders', 'acl-dvm-flows', 'deploy-recheck-dns']);
		expect(firewall!.overrides[0]!.waived).toEqual(['rule R1 (TCP 53 dropped)', 'rule R2 (TCP 53 dropped)']);

		const markdown = renderRequestsMarkdown(requests);
		expect(markdown).toContain('| R1 | allow | `10.193.132.29/32` (DVM) | 10.50.10.50 | TCP | 53 | dropped |');
		expect(markdown).toContain('| R3 | allow | `203.0.113.0/27` (first /27 of the Public VIP pool) | 10.50.10.50 | TCP | 53 | dropped |');
		const csv = renderRequestsCsv(requests).split('\r\n');
		expect(csv[0]).toBe('"owner","rule","action","source_range","source","destination_name","destination_address","protocol","port","observed","steps","findings","summary","session","measured","journal_head"');
		expect(csv[1]).toMatch(/,"\d+:[0-9a-f]{64}"$/);
		expect(markdown).toContain(`| Journal head | \`${report.journal.entries}:${report.journal.lastHash!}\``);
		expect(requests.journal).toEqual({entries: report.journal.entries, head: report.journal.lastHash});
		expect(csv).toHaveLength(1 + 4 + 1);
	}, 60_000);

	it('HLH open goes to the OEM as a deny rule; --owner gives one request even when it is empty', async () => {
		const report = await drivenReport('hlh-unrestricted');
		const requests = buildRequests(report);
		expect(requestViolations(report, requests)).toEqual([]);
		const oem = requests.requests.find(request => request.owner === 'oem')!;
		// Whatever the step probes from the HLH (the runbook's own flows), each open one is a deny rule for the OEM.
		expect(oem.rules.length).toBeGreaterThan(0);
		for (const rule of oem.rules) {
			expect(rule).toMatchObject({action: 'deny', source: {range: '10.193.132.30/32', label: 'HLH'}, protocol: 'TCP', observed: ['open'], stepIds: ['acl-hlh-denied']});
		}

		expect(requests.requests.find(request => request.owner === 'firewall-team')?.findings.some(finding => finding.stepId === 'acl-hlh-denied')).not.toBe(true);
		const dns = buildRequests(report, {owner: 'dns-team'});
		expect(dns.requests).toMatchObject([{owner: 'dns-team', rules: [], findings: []}]);
		expect(renderRequestsMarkdown(dns)).toContain('Nothing for this team');
	}, 60_000);

	it('TLS interception: an exemption per name for the proxy and security team, naming the CA', async () => {
		const report = await drivenReport('tls-intercepted');
		const requests = buildRequests(report, {owner: 'proxy-security-team'});
		expect(requestViolations(report, buildRequests(report))).toEqual([]);
		const [proxy] = requests.requests;
		// One exemption per intercepted name of the identity endpoint list, however long the list is.
		// ...and per source: the DVM now, the Public VIP /27 after deployment.
		const pairs = new Set(proxy!.findings.map(finding => `${finding.source?.range} ${finding.destination.name}`));
		expect(proxy!.rules.length).toBe(pairs.size);
		expect(pairs.has('10.193.132.29/32 login.microsoftonline.com')).toBe(true);
		expect(proxy!.rules.every(rule => rule.action === 'exempt-from-tls-inspection' && rule.port === 443 && ['DVM', 'first /27 of the Public VIP pool'].includes(rule.source.label))).toBe(true);
		expect(proxy!.findings[0]!.layer).toBe('TLS intercepted by Fabrikam Inspection CA');
	}, 60_000);

	it('CSV cells are quoted, control characters dropped and formulas defused', () => {
		expect(csvCell('a "b",c')).toBe('"a ""b"",c"');
		expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
		expect(csvCell('line\u001B[31m\nnext')).toBe('"line[31m next"');
		expect(csvCell(53)).toBe('"53"');
	});
});
