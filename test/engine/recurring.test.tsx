import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {formatStatus} from '../../src/cli/format-status.js';
import {statusView} from '../../src/engine/status.js';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {buildReport} from '../../src/reports/build-report.js';
import {renderHandover} from '../../src/reports/render-handover.js';
import {renderMarkdown} from '../../src/reports/render-markdown.js';
import {schemaErrors} from '../reports/report-fixtures.js';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {memoryController, fakeClock} from '../helpers/memory-session.js';
import {tempDir} from '../helpers/paths.js';
import {keys, press, waitForText} from '../ui/helpers/ink-keys.js';
import {mountApp} from '../ui/helpers/mount-app.js';
import {writeRunbook} from '../ui/helpers/runbooks.js';
import {prepareSession} from '../ui/helpers/sessions.js';

const checkpoint = '{kind: confirm, id: daily, title: Daily checkpoint, body: Check progress., attestation: The deployment was checked today., blocking: false, recurring: {every: 24h}}';

function recurringRunbook(dir: string): string {
	return writeRunbook(dir, 'recurring', [{id: 'deploy', title: 'Deployment', steps: ['{kind: instruction, id: start, title: Start, body: Start it.}', checkpoint]}]);
}

describe('recurring checkpoints', () => {
	it('the deploy phase\'s daily checkpoint is recurring every 24 h in the shipped runbook', () => {
		const step = loadRunbook(embeddedRunbookPath()).runbook.phases.flatMap(phase => phase.steps).find(candidate => candidate.id === 'deploy-daily-checkpoint');
		expect(step).toMatchObject({kind: 'confirm', recurring: {every: '24h'}});
	});

	it('each attestation is an occurrence; status shows the last one and when the next is due, then that it is overdue', () => {
		const clock = fakeClock('2026-03-02T09:00:00.000Z');
		const {controller, loaded} = memoryController(loadRunbook(recurringRunbook(tempDir())), clock);
		let text = formatStatus(statusView(loaded.runbook, controller.session), clock.now());
		expect(text).toContain('Recurring: daily every 1 d · not done yet: due now');

		controller.dispatch({type: 'step.confirmed', stepId: 'daily'});
		clock.advance(25 * 3600 * 1000);
		controller.dispatch({type: 'step.confirmed', stepId: 'daily'});
		expect(controller.session.steps.daily?.occurrences).toEqual([
			{by: 'alice', at: '2026-03-02T09:00:00.000Z'},
			{by: 'alice', at: '2026-03-03T10:00:00.000Z'},
		]);
		clock.advance(5 * 3600 * 1000);
		text = formatStatus(statusView(loaded.runbook, controller.session), clock.now());
		expect(text).toContain('Recurring: daily every 1 d · 2 times · last 2026-03-03T10:00:00.000Z by alice · next due 2026-03-04T10:00:00.000Z (in 19 h)');
		clock.advance(21 * 3600 * 1000);
		text = formatStatus(statusView(loaded.runbook, controller.session), clock.now());
		expect(text).toContain('due now (overdue by 2 h, since 2026-03-04T10:00:00.000Z)');
	});

	it('the step view shows the last occurrence, when the next is due and the earlier ones; attesting again records another, in the journal', async () => {
		const dir = tempDir();
		const file = recurringRunbook(dir);
		const stateDir = path.join(dir, 'state');
		await prepareSession(file, stateDir, 't1', controller => {
			controller.dispatch({type: 'step.acknowledged', stepId: 'start'});
			controller.dispatch({type: 'step.confirmed', stepId: 'daily'});
			controller.dispatch({type: 'position.moved', position: {phaseId: 'deploy', stepId: 'daily'}});
		});
		const app = mountApp({runbook: file, stateDir, size: {columns: 120, rows: 30}});
		await waitForText(app, 'Resume t1');
		await press(app, keys.enter);
		let frame = await waitForText(app, 'Recurring checkpoint');
		expect(frame).toMatch(/every 1 d · 1 time · last \d{4}-\d\d-\d\d \d\d:\d\d UTC by alice · next due \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in (23 h( \d+ min)?|1 d)\)/);

		await press(app, 'c');
		await press(app, 'y');
		frame = await waitForText(app, '2 times');
		expect(frame).toMatch(/earlier: \d{4}-\d\d-\d\d \d\d:\d\d UTC alice/);
		const read = readSessionReadOnly(stateDir, 't1', loadRunbook(file).runbook)!;
		expect(read.journal.entries.filter(entry => entry.action.type === 'step.confirmed')).toHaveLength(2);
		expect(read.session.steps.daily?.occurrences).toHaveLength(2);

		// The reports list every occurrence and when the next is due.
		const report = buildReport(loadRunbook(file), read.session, read.journal, {});
		expect(schemaErrors(report)).toEqual([]);
		expect(report.phases[0]!.steps.find(step => step.id === 'daily')!.recurring).toMatchObject({everySeconds: 86_400, occurrences: [{by: 'alice'}, {by: 'alice'}]});
		expect(renderHandover(report, {resumeCommand: 'azs-runbook'})).toMatch(/Recurring checkpoints\n {2}daily: 2 times, last \d{4}-\d\d-\d\d \d\d:\d\d UTC by alice, next due /);
		expect(renderMarkdown(report)).toMatch(/## Recurring checkpoints\n\n- Daily checkpoint \(`daily`\): .* \(alice\), .* \(alice\); next due /);
	});
});
