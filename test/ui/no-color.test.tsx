import path from 'node:path';
import chalk from 'chalk';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {colorEnabled} from '../../src/ui/color-enabled.js';
import {tempDir} from '../helpers/paths.js';
import {resumeSession} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {tcpStep, writeRunbook} from './helpers/runbooks.js';
import {closedPort, prepareSession, runPhase} from './helpers/sessions.js';

// SGR colour codes (30–37, 90–97 and 38;…), as opposed to bold or inverse.
// eslint-disable-next-line no-control-regex
const colourCode = /\u001B\[(?:3[0-8]|9[0-7])[;m]/;

describe('NO_COLOR', () => {
	// Tests run without a colour terminal; force chalk (the instance Ink uses) to emit colour.
	let level: typeof chalk.level;
	beforeEach(() => {
		level = chalk.level;
		chalk.level = 1;
	});
	afterEach(() => {
		chalk.level = level;
	});

	it('is read from the environment: set and not empty turns colour off', () => {
		expect(colorEnabled({})).toBe(true);
		expect(colorEnabled({NO_COLOR: ''})).toBe(true);
		expect(colorEnabled({NO_COLOR: '1'})).toBe(false);
	});

	it('drops every colour but keeps marks and words', async () => {
		const dir = tempDir();
		const port = await closedPort();
		const file = writeRunbook(dir, 'colours', [{id: 'egress', title: 'DVM egress', steps: [tcpStep('svc', 'Service reachable', port)]}]);
		const stateDir = path.join(dir, 'state');
		await prepareSession(file, stateDir, 't1', controller => runPhase(controller, 'egress'));
		for (const color of [true, false]) {
			const app = mountApp({runbook: file, stateDir, color});
			const frame = await resumeSession(app, 'Service reachable · check');
			expect(frame).toMatch(/✖ failed — TCP 127\.0\.0\.1:\d+ refused/);
			expect(colourCode.test(app.lastFrame() ?? '')).toBe(color);
			app.unmount();
			app.real.close();
		}
	});
});
