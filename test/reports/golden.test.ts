import {describe, expect, it} from 'vitest';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {buildReport} from '../../src/reports/build-report.js';
import {buildRequests} from '../../src/reports/build-requests.js';
import {renderHandover} from '../../src/reports/render-handover.js';
import {renderJunit} from '../../src/reports/render-junit.js';
import {renderMarkdown} from '../../src/reports/render-markdown.js';
import {renderRequestsCsv, renderRequestsMarkdown} from '../../src/reports/render-requests.js';
import {tempDir} from '../helpers/paths.js';
import {openDriven} from '../journal/drive-session.js';
import {elements, fullSessionReport, generatedAt, parseXml, schemaErrors} from './report-fixtures.js';

describe('reports of a session driven through the engine', () => {
	it('Markdown matches the golden file', async () => {
		const report = await fullSessionReport({stateDir: tempDir()});
		await expect(renderMarkdown(report)).toMatchFileSnapshot('../fixtures/reports/full-session.md');
	});

	it('the change requests match the golden files (Markdown and CSV), and rest on the journal head', async () => {
		const report = await fullSessionReport({stateDir: tempDir()});
		const requests = buildRequests(report);
		expect(requests.journal).toEqual({entries: report.journal.entries, head: report.journal.lastHash});
		await expect(renderRequestsMarkdown(requests)).toMatchFileSnapshot('../fixtures/reports/full-session.requests.md');
		await expect(renderRequestsCsv(requests)).toMatchFileSnapshot('../fixtures/reports/full-session.requests.csv');
	});

	it('the hand-over matches the golden file', async () => {
		const report = await fullSessionReport({stateDir: tempDir()});
		await expect(renderHandover(report, {resumeCommand: 'azs-runbook --session site-a'})).toMatchFileSnapshot('../fixtures/reports/full-session.handover.txt');
	});

	it('JUnit matches the golden file and parses back: one testcase per check and command step', async () => {
		const report = await fullSessionReport({stateDir: tempDir()});
		const xml = renderJunit(report);
		await expect(xml).toMatchFileSnapshot('../fixtures/reports/full-session.junit.xml');

		const root = parseXml(xml);
		expect(root.name).toBe('testsuites');
		const cases = elements(root, 'testcase');
		expect(cases.map(testcase => testcase.attributes.name)).toEqual(['Port reachable (port-open)', 'Echo the forwarders (echo-dns)', 'Optional check (optional-check)']);
		expect(root.attributes).toMatchObject({tests: '3', failures: '1', errors: '0', skipped: '0'});

		const failing = cases[2]!;
		const failure = elements(failing, 'failure')[0]!;
		const summary = report.phases[1]!.steps.find(step => step.id === 'optional-check')!.check!.summary;
		expect(failure.attributes.message).toBe(summary);
		expect(failure.text).toContain('Remediation: Allow outbound TCP to 127.0.0.1 port 9');
		expect(failure.text).toContain('"errorCode":"ECONNREFUSED"');
		// The overridden step passes, and says who accepted it and why.
		expect(elements(cases[0]!, 'failure')).toEqual([]);
		expect(elements(cases[0]!, 'system-out')[0]!.text).toMatch(/OVERRIDDEN by alice at 2026-01-05 08:17 UTC: the service is not installed until phase 7/);
		expect(elements(failing, 'system-out')[0]!.text).toMatch(/^Measured from host test-host/);
	});

	it('the JSON report validates against the published schema and says where and with what each result was measured', async () => {
		const report = await fullSessionReport({stateDir: tempDir()});
		expect(schemaErrors(report)).toEqual([]);
		expect(report.reportVersion).toBe(1);
		expect(report.vantages).toEqual([{host: 'test-host', how: 'measured here', localAddresses: [], stepIds: ['port-open', 'echo-dns', 'optional-check']}]);
		expect(report.overrides).toMatchObject([{stepId: 'port-open', by: 'alice', resultState: 'failed'}]);
		// An override satisfies a step without passing it: never counted as passed.
		expect(report.summary.passed).toBe(report.summary.satisfied - report.phases.flatMap(phase => phase.steps).filter(step => step.state === 'overridden' && !step.stale).length);
		expect(report.inputs.find(input => input.name === 'dns_forwarders')).toMatchObject({value: ['10.0.0.53', '10.0.2.53'], frozen: true});
	});

	it('pending steps are skipped testcases, and a fresh session validates too', () => {
		const {opened, loaded} = openDriven({stateDir: tempDir()});
		opened.store.close();
		const read = readSessionReadOnly(opened.store.options.stateDir, 'site-a', loaded.runbook)!;
		const report = buildReport(loaded, read.session, read.journal, {generatedAt});
		expect(schemaErrors(report)).toEqual([]);
		const root = parseXml(renderJunit(report));
		expect(root.attributes).toMatchObject({tests: '3', failures: '0', skipped: '3'});
		expect(elements(root, 'skipped').map(skipped => skipped.attributes.message)).toEqual(['pending: not run yet', 'pending: not run yet', 'pending: not run yet']);
		expect(renderMarkdown(report)).toContain('**Next step:** Setup › Read the brief (`read-me`)');
	});

	it('a skipped step carries its reason (kept only in the journal) in every format', () => {
		const {opened, loaded} = openDriven({stateDir: tempDir()});
		opened.controller.dispatch({type: 'step.skipped', stepId: 'optional-check', reason: 'runs only on win32; this is linux'});
		opened.store.close();
		const read = readSessionReadOnly(opened.store.options.stateDir, 'site-a', loaded.runbook)!;
		const report = buildReport(loaded, read.session, read.journal, {generatedAt});
		expect(schemaErrors(report)).toEqual([]);
		expect(report.phases[1]!.steps[3]!.skipped).toMatchObject({by: 'alice', reason: 'runs only on win32; this is linux'});
		expect(renderMarkdown(report)).toContain('skipped by alice, 2026-01-05 08:00 UTC: runs only on win32; this is linux');
		expect(elements(parseXml(renderJunit(report)), 'skipped').map(skipped => skipped.attributes.message)).toContain('skipped: runs only on win32; this is linux');
	});

	it('marks a TRAINING session first in every format', async () => {
		const report = await fullSessionReport({stateDir: tempDir(), training: {scenario: 'dns-outage', trainee: 'bob'}});
		expect(schemaErrors(report)).toEqual([]);
		expect(report.training).toEqual({scenario: 'dns-outage', trainee: 'bob'});
		expect(renderMarkdown(report).split('\n')[2]).toBe('> **TRAINING SESSION: not a real deployment.** Scenario dns-outage, trainee bob.');
		expect(renderHandover(report, {resumeCommand: 'x'}).split('\n')[0]).toMatch(/^\*\*\* TRAINING SESSION/);
		const root = parseXml(renderJunit(report));
		expect(root.attributes.name).toMatch(/^TRAINING: /);
		expect(elements(root, 'property').filter(property => property.attributes.name === 'training')[0]!.attributes.value).toBe('yes: scenario dns-outage, trainee bob');
	});

	it('the schema is not vacuous: a wrong version or a renamed field fails', async () => {
		const report = await fullSessionReport({stateDir: tempDir()});
		expect(schemaErrors({...report, reportVersion: 2})).not.toEqual([]);
		const {summary, ...withoutSummary} = report;
		expect(schemaErrors({...withoutSummary, summaryy: summary})).not.toEqual([]);
		const phases = structuredClone(report.phases);
		phases[1]!.steps[0]!.check!.vantage = {host: 'x'} as never;
		expect(schemaErrors({...report, phases}).join('\n')).toMatch(/localAddresses/);
	});
});
