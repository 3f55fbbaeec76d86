import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {sessionPaths} from '../../src/store/session-paths.js';
import {tempDir} from '../helpers/paths.js';
import {keys, press, resumeSession, typeText, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {tcpStep, writeRunbook} from './helpers/runbooks.js';
import {closedPort, prepareSession, runPhase} from './helpers/sessions.js';

async function failedPhase(dir: string) {
	const port = await closedPort();
	const file = writeRunbook(dir, 'override', [
		{id: 'egress', title: 'DVM egress', steps: [
			tcpStep('ntp', 'NTP server reachable', port),
			tcpStep('dns', 'DNS forwarder reachable', port, ', overridable: false, notOverridableReason: every switch ACL embeds the forwarders'),
			'{kind: confirm, id: backed-up, title: Switch configuration backed up, body: Back it up., attestation: The switch configuration is backed up.}',
		]},
		{id: 'next', title: 'Next', steps: ['{kind: instruction, id: go-on, title: Go on, body: Go on.}']},
	]);
	const stateDir = path.join(dir, 'state');
	await prepareSession(file, stateDir, 't1', controller => runPhase(controller, 'egress'));
	return {file, stateDir};
}

describe('override, attest', () => {
	it('requires a reason to override, records it, and moves on', async () => {
		const {file, stateDir} = await failedPhase(tempDir());
		const app = mountApp({runbook: file, stateDir});
		await resumeSession(app, 'NTP server reachable · check', 'Resume t1 at DVM egress › NTP server reachable');

		let frame = await press(app, 'o');
		expect(frame).toContain('Override: NTP server reachable (ntp)');
		expect(frame).toMatch(/This step failed: TCP 127\.0\.0\.1:\d+ refused/);
		expect(frame).not.toContain('It is failed');
		expect(frame).toContain('Reason (required):');
		expect(frame).toContain('type the reason · Enter submit · Esc cancel');

		// No reason: the engine refuses, the dialog stays with its reason.
		frame = await press(app, keys.enter);
		frame = await waitForText(app, '✖ an override needs a reason (at least a few words saying why it is safe)');
		expect(frame).toContain('Override: NTP server reachable (ntp)');

		await typeText(app, 'customer NTP moves next week, ticket 42');
		await press(app, keys.enter);
		frame = await waitForText(app, 'override of ntp recorded with your reason');
		expect(frame).toContain('DNS forwarder reachable · check');

		frame = await press(app, keys.escape);
		expect(frame).toMatch(/⚑ overridden\s+NTP server reachable — overridden by alice: customer NTP/);
	});

	it('explains why a step cannot be overridden', async () => {
		const {file, stateDir} = await failedPhase(tempDir());
		const app = mountApp({runbook: file, stateDir});
		await resumeSession(app, 'NTP server reachable · check');
		await press(app, keys.escape);
		await press(app, keys.down);
		let frame = await press(app, 'o');
		expect(frame).toContain('Cannot override: DNS forwarder reachable (dns)');
		expect(frame).toContain('This step cannot be overridden: every switch ACL embeds the forwarders');
		frame = await press(app, keys.escape);
		expect(frame).toMatch(/› ✖ failed\s+DNS forwarder reachable/);
	});

	it('attests a confirmation with who and when shown, and records them', async () => {
		const {file, stateDir} = await failedPhase(tempDir());
		const app = mountApp({runbook: file, stateDir, operator: 'bob'});
		await resumeSession(app, 'NTP server reachable · check');
		await press(app, ']');
		let frame = await press(app, ']');
		expect(frame).toContain('Switch configuration backed up · confirmation');
		expect(frame).toContain('You attest');
		frame = await press(app, 'c');
		expect(frame).toContain('"The switch configuration is backed up."');
		// No time before y: a time shown now would not be the one recorded (it was seconds early).
		expect(frame).toContain('Recorded as attested by bob, with the time you press y.');
		expect(frame).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
		await press(app, 'y');
		// The engine's next step is the failing NTP check, behind this one: the view stays and says so.
		frame = await waitForText(app, 'still open before it: NTP server reachable (failed)');
		// The time shown is the journal entry's, to the millisecond.
		const entry = readFileSync(sessionPaths(stateDir, 't1').journal, 'utf8').trim().split('\n').map(line => JSON.parse(line) as {action: {type: string; at: string}}).find(line => line.action.type === 'step.confirmed');
		expect(entry).toBeDefined();
		expect(frame).toContain(`attested as bob at ${entry!.action.at} · still open before it`);
		expect(frame).toContain(`✔ done — attested by bob at ${entry!.action.at}`);
	});
});
