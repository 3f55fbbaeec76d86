import {existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {tempDir} from '../helpers/paths.js';
import {joined, keys, press, resumeSession, typeText, waitForAnyFrame, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {tcpStep, writeRunbook} from './helpers/runbooks.js';
import {closedPort, prepareSession} from './helpers/sessions.js';

async function twoPhases(dir: string): Promise<string> {
	const port = await closedPort();
	return writeRunbook(dir, 'start', [
		{id: 'setup', title: 'Setup', steps: ['{kind: instruction, id: read-me, title: Read the brief, body: Read it.}', '{kind: instruction, id: read-more, title: Read more, body: Read more.}']},
		{id: 'egress', title: 'DVM egress', steps: [tcpStep('svc', 'Service reachable', port), tcpStep('other', 'Other service', port)]},
	]);
}

/** Session site-a of the two-phase runbook, the brief acknowledged: it stands at "Read more". */
async function siteAtReadMore(): Promise<{stateDir: string; file: string}> {
	const dir = tempDir();
	const stateDir = path.join(dir, 'state');
	const file = await twoPhases(dir);
	await prepareSession(file, stateDir, 'site-a', controller => {
		controller.dispatch({type: 'step.acknowledged', stepId: 'read-me'});
		controller.advance();
	});
	return {stateDir, file};
}

describe('start and resume', () => {
	it('offers to resume where the session stopped, with the last activity', async () => {
		const {stateDir, file} = await siteAtReadMore();
		const app = mountApp({runbook: file, stateDir, session: 'site-a'});
		let frame = await waitForText(app, 'What now?');
		expect(frame).toMatch(/› Resume site-a at Setup › Read more \(last activity \d+ s ago\)/);
		expect(frame).toContain('Start a new session');
		frame = await press(app, keys.enter);
		frame = await waitForText(app, 'Read more · instruction');
		expect(frame).toContain('azs-runbook · session site-a · start runbook');
		expect(frame).toContain('Phase 1/2 Setup › Step 2/2 Read more');
	});

	it('keeps the space after the pointer when a long label is cut to a narrow terminal', async () => {
		const {stateDir, file} = await siteAtReadMore();
		const app = mountApp({runbook: file, stateDir, session: 'site-a', size: {columns: 50, rows: 12}});
		const frame = await waitForText(app, 'What now?');
		expect(frame).toMatch(/^› Resume site-a at Setup/m);
		expect(frame).not.toContain('›Resume');
	});

	it('--session NAME opens that session directly (or creates it), without the start menu', async () => {
		const {stateDir, file} = await siteAtReadMore();
		await prepareSession(file, stateDir, 'site-b', () => undefined);
		const resumed = mountApp({runbook: file, stateDir, session: 'site-a', openPreferred: true});
		const frame = await waitForText(resumed, 'Read more · instruction');
		expect(frame).toContain('azs-runbook · session site-a');
		expect(resumed.frames).not.toContainEqual(expect.stringContaining('What now?'));
		resumed.unmount();
		resumed.real.close();

		const created = mountApp({runbook: file, stateDir, session: 'site-c', openPreferred: true});
		expect(await waitForText(created, 'azs-runbook · session site-c')).not.toContain('What now?');
		expect(existsSync(sessionPaths(stateDir, 'site-c').state)).toBe(true);
	});

	it('starts a named new session, validating the name as it is typed', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const file = await twoPhases(dir);
		await prepareSession(file, stateDir, 'site-a', () => undefined);
		const app = mountApp({runbook: file, stateDir, session: 'site-a'});
		await waitForText(app, 'What now?');
		await press(app, keys.down);
		let frame = await press(app, keys.enter);
		expect(frame).toContain('New session name');
		frame = await typeText(app, 'site/b');
		expect(joined(frame)).toContain('✖ session name "site/b" must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit');
		await press(app, keys.ctrlU);
		frame = await typeText(app, 'site-a');
		expect(joined(frame)).toContain('✖ a session named "site-a" already exists: resume it from the list, or choose another name');
		frame = await press(app, keys.enter);
		expect(frame).toContain('New session name');
		await press(app, keys.backspace);
		frame = await typeText(app, 'b');
		expect(frame).toContain('✔ valid name');
		await press(app, keys.enter);
		frame = await waitForText(app, 'Read the brief · instruction');
		expect(frame).toContain('session site-b');
		expect(existsSync(sessionPaths(stateDir, 'site-b').state)).toBe(true);
	});

	it('picks another saved session from the list', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const file = await twoPhases(dir);
		await prepareSession(file, stateDir, 'one', () => undefined);
		await prepareSession(file, stateDir, 'two', () => undefined);
		const app = mountApp({runbook: file, stateDir, session: 'one'});
		await waitForText(app, 'Pick another session (2 saved)');
		await press(app, keys.down);
		await press(app, keys.down);
		let frame = await press(app, keys.enter);
		expect(frame).toContain('Saved sessions');
		expect(frame).toMatch(/two at Setup › Read the brief \(last activity/);
		frame = await waitForText(app, /› (one|two) at Setup/);
		const first = /› (one|two) at/.exec(frame)![1]!;
		await press(app, keys.enter);
		await waitForText(app, `session ${first} ·`);
	});

	it('shows the PID of the process holding a locked session', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const file = await twoPhases(dir);
		await prepareSession(file, stateDir, 'busy', () => undefined);
		const holder = openSession({loaded: loadRunbook(file), stateDir, name: 'busy', operator: 'carol'})!;
		try {
			const app = mountApp({runbook: file, stateDir, session: 'busy'});
			await waitForText(app, 'Resume busy');
			await press(app, keys.enter);
			const frame = await waitForText(app, `in use by process ${process.pid}`);
			expect(frame.split('\n').map(line => line.trim()).join(' ')).toContain(`✖ session "busy" is in use by process ${process.pid} on ${os.hostname()}; close that runbook first (or, if it hangs, stop it: kill ${process.pid})`);
			expect(frame).toContain('What now?');
		} finally {
			holder.store.close();
		}
	});

	it('lists what resume found before continuing: stale results and interrupted runs', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const file = await twoPhases(dir);
		await prepareSession(file, stateDir, 't1', controller => {
			controller.dispatch({type: 'step.acknowledged', stepId: 'read-me'});
			controller.dispatch({type: 'step.acknowledged', stepId: 'read-more'});
			controller.dispatch({
				type: 'check.finished',
				stepId: 'svc',
				ttlSeconds: 3600,
				usedInputs: [],
				result: {checkId: 'tcp.connect', status: 'pass', summary: 'connected', evidence: [], startedAt: new Date().toISOString(), durationMs: 3, vantage: {host: 'the-dvm', localAddresses: []}},
			});
			// A kill while this check ran leaves it "running" in the saved state.
			controller.dispatch({type: 'step.started', stepId: 'other'});
			controller.dispatch({type: 'position.moved', position: {phaseId: 'egress', stepId: 'other'}});
		});
		const app = mountApp({runbook: file, stateDir});
		const frame = await resumeSession(app, 'found on opening', 'Resume t1 at DVM egress › Other service');
		expect(frame).toContain(`· svc must re-run: result was measured on the-dvm, this is ${os.hostname()}`);
		expect(joined(frame)).toContain('· other was running when the last session stopped; its result was never recorded, so it must run again');
		expect(frame).toContain('Enter continues at DVM egress › Other service');
		const step = await press(app, keys.enter);
		expect(step).toContain('Other service · check');
		expect(step).toContain('· pending');
		await press(app, keys.escape);
		const phase = await waitForText(app, 'Service reachable');
		expect(phase).toMatch(/↻ passed, stale\s+Service reachable — connected/);
	});
});

describe('quit, help, training', () => {
	it('q quits: the store is closed (lock released) and the app exits; Ctrl+C does the same', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const file = await twoPhases(dir);
		await prepareSession(file, stateDir, 'q1', () => undefined);
		for (const key of ['q', keys.ctrlC]) {
			const app = mountApp({runbook: file, stateDir, session: 'q1'});
			await waitForText(app, 'What now?');
			await press(app, keys.enter);
			await waitForText(app, 'Read the brief · instruction');
			expect(existsSync(sessionPaths(stateDir, 'q1').lock)).toBe(true);
			app.stdin.write(key);
			await waitForAnyFrame(app, 'quitting: stopping checks, saving…');
			// The app exits on its own; closing the store is start-tui's job after the exit.
			await new Promise(resolve => setTimeout(resolve, 0));
			app.real.close();
			expect(existsSync(sessionPaths(stateDir, 'q1').lock)).toBe(false);
			expect(app.real.openedName()).toBeUndefined();
		}
	});

	it('? shows help and Esc goes back; a training session is marked in the header', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const file = await twoPhases(dir);
		const opened = openSession({loaded: loadRunbook(file), stateDir, name: 'drill', operator: 'alice', training: {scenario: 'dns-outage', trainee: 'bob'}})!;
		opened.store.close();
		const app = mountApp({runbook: file, stateDir, session: 'drill'});
		await waitForText(app, 'Resume [TRAINING] drill');
		await press(app, keys.enter);
		let frame = await waitForText(app, 'Read the brief · instruction');
		expect(frame.split('\n')[0]).toBe(' TRAINING · trainee bob  azs-runbook · session drill · start runbook');
		frame = await press(app, '?');
		expect(frame).toContain('q, Ctrl+C');
		expect(frame).toContain('quit: progress is already saved; prints how to resume');
		frame = await press(app, keys.escape);
		expect(frame).toContain('Read the brief · instruction');
	});
});
