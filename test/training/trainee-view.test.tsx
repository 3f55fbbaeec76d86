import {spawn} from 'node:child_process';
import {openSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {locateStep} from '../../src/engine/runbook-index.js';
import {runCheckStep} from '../../src/engine/run-check-step.js';
import {defaultRunOptions} from '../../src/engine/run-options.js';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import type {CheckStep} from '../../src/runbook/schema.js';
import {sessionProbes} from '../../src/training/session-probes.js';
import {startTraining} from '../../src/training/start-training.js';
import {childOutput} from '../helpers/child-output.js';
import {cliPath} from '../helpers/paths.js';
import {keys, press, typeText, waitForText} from '../ui/helpers/ink-keys.js';
import {mountApp} from '../ui/helpers/mount-app.js';
import {embeddedRunbook, shipped, stateDirs} from './helpers.js';

const size = {columns: 120, rows: 40};

/** The built CLI as a second terminal would run it while the TUI holds the session (no timing: it exits). */
async function cli(stateDir: string, args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	const output = childOutput(spawn(process.execPath, [cliPath, '--state-dir', stateDir, ...args], {stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'], env: {...process.env, NO_COLOR: '1'}}));
	const code = await output.closed;
	return {code, stdout: output.stdout(), stderr: output.stderr()};
}

/** A training exercise (ntp-two-hours-off) for bob, started by the instructor, with the NTP check already run and failing. */
async function exercise() {
	const {stateDir, trainingDir} = stateDirs();
	const loaded = embeddedRunbook();
	const {opened} = startTraining({loaded, trainingDir, scenario: shipped('ntp-two-hours-off'), trainee: 'bob', session: 'drill', operator: 'instructor'});
	const step = locateStep(loaded.runbook, 'egress-ntp')!;
	await runCheckStep(opened.controller, step.step as CheckStep, {...defaultRunOptions(), probesFor: sessionProbes(trainingDir, {timeScale: 0})});
	opened.controller.dispatch({type: 'position.moved', position: {phaseId: step.phase.id, stepId: 'egress-ntp'}});
	opened.store.close();
	return {stateDir, trainingDir};
}

describe('the trainee\'s view', () => {
	it('the header says TRAINING and the trainee, never the scenario; what the trainee does is recorded as the trainee', async () => {
		const {trainingDir} = await exercise();
		const app = mountApp({runbook: embeddedRunbookPath(), stateDir: trainingDir, session: 'drill', size, operator: 'os-user'});
		await waitForText(app, 'Resume [TRAINING] drill');
		await press(app, keys.enter);
		let frame = await waitForText(app, 'Time server answers with the right time · check');
		expect(frame).toContain('TRAINING · trainee bob');
		expect(frame).not.toContain('ntp-two-hours-off');

		await press(app, 'n');
		await typeText(app, 'the NTP owner is on holiday');
		await press(app, keys.enter);
		frame = await waitForText(app, 'recorded as bob');

		const read = readSessionReadOnly(trainingDir, 'drill', embeddedRunbook().runbook)!;
		expect(read.session.notes).toMatchObject([{by: 'bob', text: 'the NTP owner is on holiday'}]);
	});

	it('e on a failing check escalates its finding to the chosen team, recorded as the trainee', async () => {
		const {trainingDir} = await exercise();
		const app = mountApp({runbook: embeddedRunbookPath(), stateDir: trainingDir, session: 'drill', size});
		await waitForText(app, 'Resume [TRAINING] drill');
		await press(app, keys.enter);
		let frame = await waitForText(app, 'Time server answers with the right time · check');
		expect(frame).toContain('e escalate');
		frame = await press(app, 'e');
		expect(frame).toContain('Escalate: ');
		expect(frame).toContain('› dns-team');
		for (let index = 0; index < 5; index++) {
			frame = await press(app, keys.down);
		}

		expect(frame).toContain('› customer');
		await typeText(app, 'called the customer');
		await press(app, keys.enter);
		frame = await waitForText(app, 'egress-ntp escalated to customer (recorded for the instructor)');
		const read = readSessionReadOnly(trainingDir, 'drill', embeddedRunbook().runbook)!;
		expect(read.session.training?.escalations?.['egress-ntp']).toMatchObject({owner: 'customer', note: 'called the customer', by: 'bob'});
	});

	it('train hint and train escalate work while the trainee\'s TUI holds the session: sent through its inbox, journalled by the TUI', async () => {
		const {stateDir, trainingDir} = await exercise();
		const app = mountApp({runbook: embeddedRunbookPath(), stateDir: trainingDir, session: 'drill', size});
		await waitForText(app, 'Resume [TRAINING] drill');
		await press(app, keys.enter);
		await waitForText(app, 'Time server answers with the right time · check');

		const escalate = await cli(stateDir, ['--session', 'drill', 'train', 'escalate', 'egress-ntp', '--to', 'customer', '--reason', 'ticket 7']);
		expect(escalate.code, escalate.stderr).toBe(0);
		expect(escalate.stdout).toContain('egress-ntp: escalated to customer by bob; sent to the session open in process');

		const hint = await cli(stateDir, ['--session', 'drill', 'train', 'hint', 'egress-ntp']);
		expect(hint.stderr).not.toContain('in use by process');
		expect(hint.code, hint.stderr).toBe(0);
		expect(hint.stdout).toMatch(/^Hint 1 of \d+ for egress-ntp: /);
		// Asked again, taken in or not yet: the next hint, never the same one twice (sent ones count as shown).
		const second = await cli(stateDir, ['--session', 'drill', 'train', 'hint', 'egress-ntp']);
		expect(second.stdout).toMatch(/^Hint 2 of \d+ for egress-ntp: /);
		// The TUI takes them in, in order (the escalation before the hints), and shows them; the journal chain stays whole.
		await waitForText(app, 'Hints (2 of', 10_000);
		const verify = await cli(trainingDir, ['--session', 'drill', 'journal', 'verify']);
		expect(verify.code, verify.stdout + verify.stderr).toBe(0);
		const read = readSessionReadOnly(trainingDir, 'drill', embeddedRunbook().runbook)!;
		expect(read.session.training?.hints?.['egress-ntp']).toBe(2);
		expect(read.session.training?.escalations?.['egress-ntp']).toMatchObject({owner: 'customer', note: 'ticket 7', by: 'bob'});
	});
});
