import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/paths.js';
import {displayWidth} from '../../src/ui/view/wrap-text.js';
import {keys, plain, press, resumeSession, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {tcpStep, writeRunbook} from './helpers/runbooks.js';
import {listeningServer, prepareSession, runPhase} from './helpers/sessions.js';

function expectFits(frame: string): void {
	const lines = plain(frame).replace(/\n$/, '').split('\n');
	expect(lines.length).toBeLessThanOrEqual(23);
	for (const line of lines) {
		expect(displayWidth(line), line).toBeLessThanOrEqual(80);
	}
}

describe('records screen', () => {
	it('shows the journal, the diff between two runs and the report commands, within 80 columns', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const server = await listeningServer();
		const file = writeRunbook(dir, 'records', [{
			id: 'egress',
			title: 'DVM egress',
			steps: [
				'{kind: input, id: enter-ntp, name: ntp_server, type: ipv4, title: Time server, body: The NTP server.}',
				tcpStep('web', 'Web reachable', server.port),
			],
		}]);
		await prepareSession(file, stateDir, 't1', async controller => {
			controller.dispatch({type: 'input.set', name: 'ntp_server', value: '10.0.0.123'});
			await runPhase(controller, 'egress');
			await server.close();
			await runPhase(controller, 'egress');
		});

		const app = mountApp({runbook: file, stateDir});
		await resumeSession(app, 'Web reachable · check');
		await press(app, keys.escape);
		let frame = await press(app, keys.escape);
		expect(frame).toContain('Phase overview');
		expect(frame).toContain('l records');

		// Journal, newest last.
		await press(app, 'l');
		frame = await waitForText(app, 'alice set ntp_server = 10.0.0.123');
		expect(frame).toContain('[1 Journal]');
		expect(frame).toMatch(/check web → failed/);
		expectFits(frame);

		// The diff: passed, then failed.
		await press(app, '2');
		frame = await waitForText(app, 'Newly failing (1)');
		expect(frame).toMatch(/✖ web/);
		expectFits(frame);

		// The report commands, with the flags that name this session.
		await press(app, '3');
		frame = await waitForText(app, 'report --format md --out report.md');
		expect(plain(frame).replaceAll(/\n\s*/g, ' ')).toContain(`azs-runbook --session t1 --state-dir ${stateDir}`);
		expectFits(frame);
		frame = await press(app, keys.pageDown);
		expect(plain(frame).replaceAll(/\n\s*/g, ' ')).toContain('handover --out handover.md');
		expectFits(frame);

		// Esc goes back to the overview.
		frame = await press(app, keys.escape);
		expect(frame).toContain('Phase overview');
	});

	it('says so when no check has run yet, and is listed in the help', async () => {
		const dir = tempDir();
		const file = writeRunbook(dir, 'empty', [{id: 'setup', title: 'Setup', steps: ['{kind: instruction, id: read-me, title: Read the brief, body: Read it.}']}]);
		const app = mountApp({runbook: file, stateDir: path.join(dir, 'state')});
		await waitForText(app, 'New session name');
		await press(app, keys.enter);
		await waitForText(app, 'Read the brief');
		await press(app, keys.escape);
		await press(app, keys.escape);
		let frame = await press(app, '?');
		expect(frame).toMatch(/l\s+records/);
		await press(app, keys.escape);
		await press(app, 'l');
		await press(app, keys.right);
		frame = await waitForText(app, 'No check or command has run yet.');
		expect(frame).toContain('[2 Diff]');
		expectFits(frame);
	});
});
