import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {startTraining} from '../../src/training/start-training.js';
import {tempDir} from '../helpers/paths.js';
import {embeddedRunbook, shipped, stateDirs} from '../training/helpers.js';
import {keys, plain, press, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';

const size = {columns: 120, rows: 40};
const firstHint = '1. Disconnected means AD FS and capacity billing; if the worksheet says Entra ID, one of them is wrong.';

describe('hints in the TUI', () => {
	it('h on a step of a training session shows its next hint and the count; the footer and help list the key', async () => {
		const {trainingDir} = stateDirs();
		startTraining({loaded: embeddedRunbook(), trainingDir, scenario: shipped('ntp-two-hours-off'), trainee: 'bob', session: 'drill', operator: 'instructor'}).opened.store.close();
		const app = mountApp({runbook: embeddedRunbookPath(), stateDir: trainingDir, session: 'drill', size});
		await waitForText(app, 'Resume [TRAINING] drill');
		await press(app, keys.enter);
		await waitForText(app, 'Before you start · instruction');
		await press(app, ']');
		let frame = await waitForText(app, 'Connection model · input');
		expect(frame).toContain('h hint');
		expect(frame).toContain('Hints (0 of 2 used; 2 more: press h)');

		await press(app, 'h');
		frame = await waitForText(app, 'Hints (1 of 2 used; 1 more: press h)');
		expect(frame).toContain(firstHint);
		expect(frame).toContain('hint 1 of 2 (counted for the instructor)');
		expect(app.real.openedName()).toBe('drill');

		await press(app, 'h');
		frame = await waitForText(app, 'Hints (2 of 2 used)');
		expect(frame).toContain(firstHint);
		expect(frame).toContain('2. In a disconnected deployment the DVM egress checks to Azure do not apply; override them with that reason.');

		frame = await press(app, 'h');
		expect(frame).toContain('no more hints for connection-model: all 2 shown');

		frame = await press(app, '?');
		expect(frame).toContain('h               training: show the step\'s next hint');
	});

	it('a real (non-training) session shows no hint key, no hints, and h does nothing', async () => {
		const dir = tempDir();
		const app = mountApp({runbook: embeddedRunbookPath(), stateDir: path.join(dir, 'state'), size});
		await waitForText(app, 'New session name');
		await press(app, keys.enter);
		await waitForText(app, 'Before you start · instruction');
		await press(app, ']');
		let frame = await waitForText(app, 'Connection model · input');
		expect(frame).not.toContain('h hint');
		expect(frame).not.toContain('Hints (');

		// h is read before ?, in order: the help opens on an unchanged session.
		app.stdin.write('h');
		frame = await press(app, '?');
		expect(frame).not.toContain('next hint');
		expect(frame).toContain('unfreeze a frozen input');
		frame = await press(app, keys.escape);
		expect(frame).toContain('Connection model · input');
		expect(frame).not.toContain('Hints (');
		expect(frame).not.toContain('hint 1');
		expect(plain(app.lastFrame())).not.toMatch(/Disconnected means AD FS/);
	});
});
