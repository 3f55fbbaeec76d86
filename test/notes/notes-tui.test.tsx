import {spawnSync} from 'node:child_process';
import {openSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {cliPath, tempDir} from '../helpers/paths.js';
import {keys, press, typeText, waitForText} from '../ui/helpers/ink-keys.js';
import {mountApp} from '../ui/helpers/mount-app.js';
import {writeRunbook} from '../ui/helpers/runbooks.js';
import {prepareSession} from '../ui/helpers/sessions.js';

const startStep = '{kind: instruction, id: start, title: Start the deployment, body: Start it.}';
const laterStep = '{kind: instruction, id: later, title: Later, body: Later.}';

/** A runbook of these steps, a saved session t1, and the TUI open on its first step. */
async function openOnFirstStep(steps: string[]) {
	const dir = tempDir();
	const file = writeRunbook(dir, 'notes', [{id: 'deploy', title: 'Deployment', steps}]);
	const stateDir = path.join(dir, 'state');
	await prepareSession(file, stateDir, 't1', () => undefined);
	const app = mountApp({runbook: file, stateDir});
	await waitForText(app, 'Resume t1');
	await press(app, keys.enter);
	const frame = await waitForText(app, 'Start the deployment · instruction');
	return {file, stateDir, app, frame};
}

/** `azs-runbook note …` on session t1 from another process, no terminal. */
function noteFromCli(file: string, stateDir: string, args: string[]) {
	return spawnSync(process.execPath, [cliPath, '--runbook', file, '--state-dir', stateDir, '--session', 't1', ...args], {stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'], encoding: 'utf8'});
}

describe('session notes in the TUI', () => {
	it('n on a step opens a note dialog; the note is journalled with who, when and the step, and listed on the step', async () => {
		const {file, stateDir, app, frame: first} = await openOnFirstStep([startStep, laterStep]);
		let frame = first;
		expect(frame).toContain('n note');

		frame = await press(app, 'n');
		expect(frame).toContain('Note on: Start the deployment (start)');
		expect(frame).toContain('type the note · Enter submit · Esc cancel');
		frame = await press(app, keys.enter);
		expect(frame).toContain('✖ a note needs some text');

		await typeText(app, 'toolkit 1.2405.1, started 09:12');
		await press(app, keys.enter);
		frame = await waitForText(app, 'note on start recorded as alice');
		expect(frame).toContain('Notes (1)');
		expect(frame).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC alice: toolkit 1\.2405\.1, started 09:12/);
		// The note is not an acknowledgement: the step stays where it was.
		expect(frame).toContain('Start the deployment · instruction');

		// ] and [ move between steps (n now writes a note).
		frame = await press(app, ']');
		expect(frame).toContain('Later · instruction');
		expect(frame).not.toContain('Notes (1)');

		const read = readSessionReadOnly(stateDir, 't1', loadRunbook(file).runbook)!;
		expect(read.journal.problem).toBeUndefined();
		expect(read.session.notes).toMatchObject([{text: 'toolkit 1.2405.1, started 09:12', stepId: 'start', by: 'alice'}]);
		expect(read.journal.entries.map(entry => entry.action).filter(action => action.type === 'note.added')).toMatchObject([{stepId: 'start', by: 'alice'}]);
	});

	it('azs-runbook note while the TUI holds the session goes through its inbox: the TUI journals it and shows it; a later open does not take it twice', async () => {
		const {file, stateDir, app} = await openOnFirstStep([startStep]);

		// spawnSync blocks this process, TUI included: the note waits in the inbox until the TUI looks again.
		const result = noteFromCli(file, stateDir, ['--operator', 'carol', 'note', 'customer', 'ticket', 'CS-99']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/^note on start by carol sent to the session open in process \d+/);
		const frame = await waitForText(app, 'carol: customer ticket CS-99', 10_000);
		expect(frame).toContain('Notes (1)');
		app.unmount();
		app.real.close();

		const read = readSessionReadOnly(stateDir, 't1', loadRunbook(file).runbook)!;
		expect(read.journal.problem).toBeUndefined();
		expect(read.session.notes).toEqual([expect.objectContaining({text: 'customer ticket CS-99', by: 'carol', stepId: 'start'})]);
		// The next open (a CLI command) finds nothing new in the inbox.
		const status = noteFromCli(file, stateDir, ['note', 'second']);
		expect(status.status, status.stderr).toBe(0);
		expect(status.stderr).not.toContain('took in');
		expect(readSessionReadOnly(stateDir, 't1', loadRunbook(file).runbook)!.session.notes!.map(note => note.text)).toEqual(['customer ticket CS-99', 'second']);
	});

	it('n on the step list of a phase notes the chosen step', async () => {
		const {file, stateDir, app} = await openOnFirstStep([startStep, laterStep]);
		await press(app, keys.escape);
		await waitForText(app, 'pending    Later');
		await press(app, keys.down);
		const frame = await press(app, 'n');
		expect(frame).toContain('Note on: Later (later)');
		await typeText(app, 'phase list note');
		await press(app, keys.enter);
		await waitForText(app, 'note on later recorded as alice');
		const read = readSessionReadOnly(stateDir, 't1', loadRunbook(file).runbook)!;
		expect(read.session.notes).toMatchObject([{stepId: 'later', text: 'phase list note'}]);
	});
});
