import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/paths.js';
import {keys, press, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {writeRunbook} from './helpers/runbooks.js';
import {closedPort, prepareSession, runPhase} from './helpers/sessions.js';

/*
A result that must re-run reopens the work on the screen too (issue 15 item 5): the phase reads
"must re-run", never "complete", and an override on a result that went stale says it no longer stands.
*/
describe('stale results in the interactive runbook', () => {
	it('the phase reads "must re-run" and a stale override is shown as such', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const port = await closedPort();
		const file = writeRunbook(dir, 'stale', [
			{id: 'setup', title: 'Setup', steps: ['{kind: input, id: enter-target, title: Target, body: The host., name: target, type: text, freeze: true}']},
			{id: 'probe', title: 'Probe', steps: [`{kind: check, id: closed, title: Nothing listens, body: A closed port., check: tcp.connect, params: {host: {$input: target}, port: ${port}, timeoutMs: 1000}}`]},
			{id: 'final', title: 'Final', steps: ['{kind: instruction, id: finish, title: Finish, body: Done.}']},
		]);
		await prepareSession(file, stateDir, 't1', async controller => {
			controller.dispatch({type: 'input.set', name: 'target', value: '127.0.0.1'});
			await runPhase(controller, 'probe');
			controller.dispatch({type: 'step.overridden', stepId: 'closed', reason: 'nothing is meant to listen yet'});
			controller.dispatch({type: 'step.acknowledged', stepId: 'finish'});
			controller.dispatch({type: 'input.unfreeze', name: 'target', reason: 'the host moved'});
		});

		const app = mountApp({runbook: file, stateDir});
		await waitForText(app, 'Resume t1');
		await press(app, keys.enter);
		// The step view: the override is there, and so is why it no longer stands.
		let frame = await waitForText(app, 'Nothing listens');
		expect(frame).toContain('must re-run: input "target" was unfrozen: the host moved');
		frame = await press(app, keys.escape);
		expect(frame).toMatch(/↻ overridden, stale +Nothing listens — stale override, must re-run/);
		frame = await press(app, keys.escape);
		expect(frame).toContain('Phase overview');
		expect(frame).toMatch(/↻ must re-run\s+2\. Probe/);
		expect(frame).not.toMatch(/✔ complete\s+2\. Probe/);
	});
});
