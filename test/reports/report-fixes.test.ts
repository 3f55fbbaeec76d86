import {describe, expect, it} from 'vitest';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {buildReport} from '../../src/reports/build-report.js';
import {headline} from '../../src/reports/describe-step.js';
import {evidenceRows} from '../../src/reports/evidence-rows.js';
import {renderHandover} from '../../src/reports/render-handover.js';
import {renderJunit} from '../../src/reports/render-junit.js';
import {renderMarkdown} from '../../src/reports/render-markdown.js';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {driveScenario} from '../../src/training/drive-scenario.js';
import {findScenario} from '../../src/training/scenario-library.js';
import {tempDir} from '../helpers/paths.js';
import {schemaErrors} from './report-fixtures.js';

const timeout = (attempt: number) => ({target: 'tcp://198.18.34.102:443', kind: 'tcp', ok: false, errorCode: 'TIMEOUT', durationMs: 15_000, attempt});

describe('report fixes', () => {
	it('retries of one probe are one row, failures before passes', () => {
		const rows = evidenceRows([
			{target: 'udp://10.0.0.53:53 login A', kind: 'dns-udp', ok: true, durationMs: 12},
			timeout(0), timeout(1), timeout(2), timeout(3),
			{target: 'tcp://10.0.0.9:443', kind: 'tcp', ok: false, errorCode: 'ECONNREFUSED', durationMs: 2},
		]);
		expect(rows.map(row => [row.target, row.outcome])).toEqual([
			['tcp://198.18.34.102:443', '4 attempts, all timed out after 15 s'],
			['tcp://10.0.0.9:443', 'ECONNREFUSED in 2 ms'],
			['udp://10.0.0.53:53 login A', 'ok in 12 ms'],
		]);
		expect(evidenceRows([timeout(0), {...timeout(1), ok: true, errorCode: undefined, durationMs: 30}])[0]!.outcome).toBe('2 attempts: timed out, ok (last in 30 ms)');
	});

	it('the headline never says plain "Complete" while overrides stand', () => {
		const base = {complete: true, steps: 10, satisfied: 10, passed: 10, failed: 0, pending: 0, overridden: 0, skipped: 0, stale: 0};
		expect(headline(base)).toBe('Complete');
		expect(headline({...base, overridden: 4})).toBe('Complete with 4 overrides');
		expect(headline({...base, overridden: 1})).toBe('Complete with 1 override');
		expect(headline({...base, complete: false, failed: 2, overridden: 1})).toBe('In progress (2 failed, 1 overridden)');
	});

	it('a driven session: headline first, waived fix and owner on overrides, collapsed retries, skipped steps with their reason', async () => {
		const loaded = loadRunbook(embeddedRunbookPath());
		const trainingDir = tempDir();
		await driveScenario({loaded, scenario: findScenario('identity-dropped', loaded.runbook)!, trainingDir, session: 'drill'});
		const read = readSessionReadOnly(trainingDir, 'drill', loaded.runbook)!;
		const report = buildReport(loaded, read.session, read.journal, {generatedAt: '2026-01-05T12:00:00.000Z'});
		expect(schemaErrors(report)).toEqual([]);
		expect(report.summary.overridden).toBeGreaterThan(0);
		expect(report.summary.headline).not.toBe('Complete');
		const identity = report.overrides.find(override => override.stepId === 'egress-identity')!;
		expect(identity).toMatchObject({owner: 'firewall team', remediation: 'Allow outbound TCP from 10.193.132.29 to login.microsoftonline.com (198.18.34.102) port 443.'});
		// Failures first in the JSON evidence too.
		const evidence = report.phases.flatMap(phase => phase.steps).find(step => step.id === 'egress-identity')!.check!.evidence;
		expect(evidence.slice(0, 4).every(record => !record.ok)).toBe(true);

		const markdown = renderMarkdown(report);
		expect(markdown.split('\n')[0]).toBe(`# Deployment report: ${report.runbook.title}: ${report.summary.headline}`);
		expect(markdown).toContain('Waived: "Allow outbound TCP from 10.193.132.29 to login.microsoftonline.com (198.18.34.102) port 443." (firewall team).');
		expect(markdown).toMatch(/– Show the DVM's IP configuration \(`egress-ipconfig`, not blocking\): skipped by verify, [\d-]+ [\d:]+ UTC: training\b.*command steps/);
		const handover = renderHandover(report, {resumeCommand: 'azs-runbook --session drill'});
		expect(handover.split('\n')[2]).toContain(`: ${report.summary.headline}`);
		expect(handover).toMatch(/\nSkipped\n(?: {2}– .*\n)* {2}– egress-ipconfig: training\b.*command steps.* \(verify, /);
		expect(renderJunit(report)).toContain(`: ${report.summary.headline}"`);
	}, 60_000);
});
