import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {formatStatus} from '../../src/cli/format-status.js';
import {statusView} from '../../src/engine/status.js';
import {readStateFile} from '../../src/journal/read-session.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {tempDir} from '../helpers/paths.js';
import {keys, press, resumeSession, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {writeRunbook} from './helpers/runbooks.js';
import {prepareSession, runPhase} from './helpers/sessions.js';

/*
A skipped step (issue 15 item 8) says why on the screen, and counts as skipped, never as passed:
in the phase overview, the step list, the step view and the plain status.
*/
const otherPlatform = process.platform === 'win32' ? 'linux' : 'win32';

describe('a skipped step', () => {
	it('shows why it was skipped and is counted apart from the passed ones', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const file = writeRunbook(dir, 'skips', [
			{id: 'tools', title: 'Tools', steps: [
				`{kind: command, id: win-only, title: Windows tool, body: Runs a Windows tool., argv: [node, -e, "0"], platforms: [${otherPlatform}]}`,
				'{kind: command, id: here, title: Tool here, body: Runs here., argv: [node, -e, "0"]}',
			]},
			{id: 'next', title: 'Next', steps: ['{kind: instruction, id: go-on, title: Go on, body: Go on.}']},
		]);
		await prepareSession(file, stateDir, 't1', controller => runPhase(controller, 'tools'));

		const app = mountApp({runbook: file, stateDir});
		await resumeSession(app, 'Phase 2/2 Next');
		await press(app, keys.escape);
		let frame = await press(app, keys.escape);
		expect(frame).toContain('Phase overview');
		expect(frame).toMatch(/1\. Tools {2}1 passed · 0 failed · 0 pending · 1 skipped/);

		// The step list of the phase: the skipped step says why, with its own mark, not "passed".
		await press(app, keys.up);
		frame = await press(app, keys.enter);
		frame = await waitForText(app, 'Windows tool');
		const reason = `runs only on ${otherPlatform}; this is ${process.platform}`;
		expect(frame).toMatch(new RegExp(`- skipped +Windows tool — skipped: ${reason.replace(/[.;]/g, '\\$&')}`));

		// The plain status (read only, the screen still holds the session).
		const view = statusView(loadRunbook(file).runbook, readStateFile(sessionPaths(stateDir, 't1').state)!);
		expect(view.phases[0]!.counts).toMatchObject({passed: 1, skipped: 1, total: 2});
		expect(formatStatus(view)).toContain('Tools — complete (1/2 done, 1 skipped)');
	});
});
