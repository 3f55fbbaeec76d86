import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/paths.js';
import {keys, press, resumeSession, waitForText} from './helpers/ink-keys.js';
import {displayWidth} from '../../src/ui/view/wrap-text.js';
import {mountApp} from './helpers/mount-app.js';
import {writeRunbook, tcpStep} from './helpers/runbooks.js';
import {closedPort, listeningServer, prepareSession, runPhase} from './helpers/sessions.js';

async function gatedRunbook(dir: string) {
	const server = await listeningServer();
	const closed = await closedPort();
	const file = writeRunbook(dir, 'gated', [
		{id: 'setup', title: 'Setup', steps: ['{kind: instruction, id: read-me, title: Read the brief, body: Read it.}']},
		{id: 'egress', title: 'DVM egress', steps: [tcpStep('dns.forwarder', 'DNS forwarder reachable', closed), tcpStep('ntp.server', 'NTP server reachable', closed), tcpStep('web', 'Web reachable', server.port)]},
		{id: 'acl', title: 'Switch ACLs', steps: ['{kind: instruction, id: acl-read, title: Check the ACLs, body: Look.}']},
		{id: 'deploy', title: 'Deploy', steps: ['{kind: instruction, id: deploy-go, title: Deploy, body: Go.}']},
	]);
	return {file, server};
}

describe('phase overview', () => {
	it('shows every phase with a mark, a word and counts, the current one named, and why locked phases are locked', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const {file, server} = await gatedRunbook(dir);
		await prepareSession(file, stateDir, 't1', async controller => {
			controller.dispatch({type: 'step.acknowledged', stepId: 'read-me'});
			await runPhase(controller, 'egress');
			controller.dispatch({type: 'position.moved', position: {phaseId: 'egress', stepId: 'dns.forwarder'}});
		});
		await server.close();

		const app = mountApp({runbook: file, stateDir});
		await resumeSession(app, 'Phase 2/4 DVM egress › Step 1/3 DNS forwarder reachable', 'Resume t1 at DVM egress › DNS forwarder reachable (last activity');
		await press(app, keys.escape);
		const frame = await press(app, keys.escape);

		expect(frame).toContain('Phase overview');
		expect(frame).toMatch(/✔ complete\s+1\. Setup {2}1 passed · 0 failed · 0 pending/);
		expect(frame).toMatch(/› ✖ failing\s+2\. DVM egress \(you are here\) {2}1 passed · 2 failed · 0 pending/);
		expect(frame).toMatch(/■ locked\s+3\. Switch ACLs {2}0 passed · 0 failed · 1 pending/);
		// Every mark is one column wide: the titles line up (a 🔒 took two and pushed its row right).
		const titleColumn = (title: string) => {
			const line = frame.split('\n').find(candidate => candidate.includes(title))!;
			return displayWidth(line.slice(0, line.indexOf(title)));
		};
		expect(new Set(['1. Setup', '2. DVM egress', '3. Switch ACLs'].map(title => titleColumn(title))).size).toBe(1);
		// The reason names the failed blocking checks with their summaries (describeLock), wrapped to the width.
		const reason = frame.split('\n').filter(line => line.startsWith('      ')).map(line => line.trim()).join(' ');
		expect(reason).toMatch(/^locked: 2 blocking steps failed in DVM egress: dns\.forwarder \(TCP 127\.0\.0\.1:\d+ refused .*\), ntp\.server \(TCP/);
		expect(frame).toContain('locked: earlier phases are not complete (see Switch ACLs)');

		// Looking back at a finished phase does not move "you are here": it marks where the work is.
		await press(app, keys.up);
		await press(app, keys.enter);
		await press(app, keys.enter);
		await waitForText(app, 'Read the brief · instruction');
		await press(app, keys.escape);
		const after = await press(app, keys.escape);
		expect(after).toMatch(/2\. DVM egress \(you are here\)/);
		expect(after).not.toMatch(/1\. Setup \(you are here\)/);
	});

	it('opens a phase with Enter and refuses to run a locked one, saying why', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const {file, server} = await gatedRunbook(dir);
		await server.close();
		await prepareSession(file, stateDir, 't1', () => undefined);

		const app = mountApp({runbook: file, stateDir});
		await resumeSession(app, 'Read the brief · instruction', 'Resume t1 at Setup › Read the brief');
		await press(app, keys.escape);
		await press(app, keys.escape);
		await press(app, keys.down);
		await press(app, keys.down);
		const locked = await press(app, 'r');
		expect(locked.replaceAll('\n', ' ')).toContain('✖ Switch ACLs is locked: 4 blocking steps not done yet, next: Setup › Read the brief');
		await press(app, keys.up);
		const phase = await press(app, keys.enter);
		expect(phase).toContain('Phase 2/4 DVM egress');
		expect(phase).toMatch(/› · pending\s+DNS forwarder reachable/);
	});
});
