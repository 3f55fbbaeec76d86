import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/paths.js';
import {backoffMs} from '../../src/ui/state/watch.js';
import {createAlert} from '../../src/ui/terminal-alert.js';
import {keys, press, resumeSession, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {tcpStep, writeRunbook} from './helpers/runbooks.js';
import {closedPort, listeningServer, prepareSession, runPhase} from './helpers/sessions.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const close of closers.splice(0)) {
		await close();
	}
});

describe('watch', () => {
	it('backs off 5 s, 10 s, 20 s … capped at 60 s', () => {
		const config = {baseMs: 5000, capMs: 60_000, maxAttempts: 20};
		expect([1, 2, 3, 4, 5, 6, 7].map(attempt => backoffMs(attempt, config))).toEqual([5000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
	});

	it('re-runs a failing check with a visible countdown until it passes, then says when it was fixed', async () => {
		const dir = tempDir();
		const port = await closedPort();
		const file = writeRunbook(dir, 'watch', [
			{id: 'egress', title: 'DVM egress', steps: [tcpStep('svc', 'Service reachable', port)]},
			{id: 'done', title: 'Done', steps: ['{kind: instruction, id: end, title: End, body: End.}']},
		]);
		const stateDir = path.join(dir, 'state');
		await prepareSession(file, stateDir, 't1', controller => runPhase(controller, 'egress'));

		// The real alert service, writing to a terminal that is known to show OSC 777 notifications.
		const written: string[] = [];
		const alert = createAlert({isTTY: true, write: bytes => written.push(bytes)}, {TERM_PROGRAM: 'WezTerm'});
		const app = mountApp({runbook: file, stateDir, watchConfig: {baseMs: 2000, capMs: 4000, maxAttempts: 5}, services: {alert}});
		await resumeSession(app, 'Service reachable · check');
		let frame = await press(app, 'w');
		expect(frame).toContain('Watching svc until it passes');
		expect(frame).toContain('attempt 0 of 5 · back-off 2 s, 4 s … at most 4 s');
		expect(frame).toContain('next try in 2 s (r runs now, s stops)');
		expect(frame).toContain('r run now · s stop');
		expect(frame).toMatch(/last result: ✖ failed — TCP 127\.0\.0\.1:\d+ refused/);

		// The countdown ticks down on its own, runs, fails again and waits the next, longer back-off.
		await waitForText(app, 'next try in 1 s');
		frame = await waitForText(app, 'attempt 1 of 5', 5000);
		frame = await waitForText(app, /next try in [34] s/);

		// Fix it, and run now instead of waiting.
		const server = await listeningServer(port);
		closers.push(server.close);
		await press(app, 'r');
		frame = await waitForText(app, /✔ fixed after \d+ s \(attempt 2\)/, 5000);
		expect(frame).toMatch(/last result: ✔ passed — /);
		// Watching ended: its keys are gone, and the terminal rang once with a notification.
		expect(frame).toContain('Watched svc');
		expect(frame).not.toContain('r run now');
		expect(frame).not.toContain('s stop');
		expect(written).toEqual(['\u0007\u001B]777;notify;azs-runbook;azs-runbook: svc passed (watched check fixed)\u0007']);
		expect(app.real.openedName()).toBe('t1');

		// The step view says it too (StepRecord.fixedAfterMs).
		frame = await press(app, keys.escape);
		expect(frame).toMatch(/fixed after \d+ s/);
	});

	it('stops on s, and refuses to watch a check that is not failing', async () => {
		const dir = tempDir();
		const port = await closedPort();
		const server = await listeningServer();
		closers.push(server.close);
		const file = writeRunbook(dir, 'watch2', [
			{id: 'egress', title: 'DVM egress', steps: [tcpStep('bad', 'Bad service', port), tcpStep('good', 'Good service', server.port)]},
		]);
		const stateDir = path.join(dir, 'state');
		await prepareSession(file, stateDir, 't1', controller => runPhase(controller, 'egress'));
		const app = mountApp({runbook: file, stateDir});
		await resumeSession(app, 'Bad service · check');
		await press(app, keys.escape);
		await press(app, keys.down);
		let frame = await press(app, 'w');
		expect(frame).toContain('watch re-runs a failing check until it passes; good is passed');
		await press(app, keys.up);
		frame = await press(app, 'w');
		expect(frame).toContain('next try in 5 s');
		frame = await press(app, 's');
		expect(frame).toContain('stopped after 0 attempts');
	});
});
