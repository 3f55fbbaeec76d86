import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {tempDir} from '../helpers/paths.js';
import {keys, plain, press, resumeSession, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {tcpStep, writeRunbook} from './helpers/runbooks.js';
import {closedPort, prepareSession, runPhase} from './helpers/sessions.js';

// Before any module is loaded: the glyph set is chosen once per process (src/ui/glyphs.ts).
vi.hoisted(() => {
	process.env.AZS_ASCII = '1';
});

const { embeddedRunbookPath } = await import('../../src/install/steps-dir.js');

/** Every character of every frame rendered so far, outside ASCII, with the line it is on. */
function nonAscii(frames: string[]): string[] {
	return frames.flatMap(frame => plain(frame).split('\n').filter(line => /[^\u0020-\u007E]/.test(line)));
}

describe('the screens on a console without the glyphs (AZS_ASCII=1)', () => {
	it('start, overview, help, network and records of the shipped runbook: ASCII only, its own text included', async () => {
		const stateDir = path.join(tempDir(), 'state');
		// Wide enough that Ink never cuts a line itself: from source its cut mark is its own "…" (the
		// bundle's is ASCII, e2e-tmux.test.ts checks that at 80 columns).
		const app = mountApp({runbook: embeddedRunbookPath(), stateDir, session: 'site-a', size: {columns: 200, rows: 40}});
		// No session yet: the name asked for, the one given on the command line filled in.
		await waitForText(app, 'New session name');
		await waitForText(app, '+ valid name');
		await press(app, keys.enter);
		await waitForText(app, 'Phase 1/10 Session > Step 1/', 15_000);
		await press(app, keys.escape);
		await waitForText(app, 'Enter open');
		await press(app, keys.escape);
		await waitForText(app, 'Phase overview');
		// The later phases are locked: the lock mark.
		await waitForText(app, /^\s*# /m);
		for (const [key, shows] of [['?', 'Everywhere'], [keys.escape, 'Phase overview'], ['m', 'network'], [keys.escape, 'Phase overview'], ['l', 'records']] as const) {
			await press(app, key);
			await waitForText(app, shows);
		}

		expect(nonAscii(app.frames)).toEqual([]);
	});

	it('a failing check: step, details and watch in ASCII marks', async () => {
		const dir = tempDir();
		const port = await closedPort();
		const file = writeRunbook(dir, 'ascii', [
			{id: 'egress', title: 'DVM egress — reachability', steps: [tcpStep('svc', 'Service reachable', port)]},
		]);
		const stateDir = path.join(dir, 'state');
		await prepareSession(file, stateDir, 't1', controller => runPhase(controller, 'egress'));
		const app = mountApp({runbook: file, stateDir, session: 't1', size: {columns: 200, rows: 30}});
		let frame = await resumeSession(app, 'Service reachable . check');
		expect(frame).toMatch(/x failed - TCP 127\.0\.0\.1:\d+ refused/);
		frame = await press(app, 'd');
		frame = await waitForText(app, 'x ECONNREFUSED');
		await press(app, keys.escape);
		frame = await press(app, 'w');
		frame = await waitForText(app, 'Watching svc until it passes');
		expect(frame).toContain('last result: x failed -');
		expect(nonAscii(app.frames)).toEqual([]);
	});
});
