import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {repoRoot, tempDir} from '../helpers/paths.js';
import {keys, press, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {prepareSession} from './helpers/sessions.js';

const runbook = path.join(repoRoot, 'test', 'fixtures', 'runbooks', 'vantages.yaml');

describe('vantages on the overview', () => {
	it('names a vantage that owes results the work has reached, and how to bring them', async () => {
		const stateDir = path.join(tempDir(), 'state');
		// This host is the DVM (127.0.0.1); the HLH is another machine.
		await prepareSession(runbook, stateDir, 'site', controller => {
			controller.dispatch({type: 'input.set', name: 'dvm_address', value: '127.0.0.1'});
			controller.dispatch({type: 'input.set', name: 'hlh_address', value: '10.9.9.11'});
			controller.dispatch({type: 'input.set', name: 'target_host', value: '127.0.0.1'});
			controller.dispatch({type: 'position.moved', position: {phaseId: 'hlh-side', stepId: 'hlh-port'}});
		});

		const app = mountApp({runbook, stateDir});
		await waitForText(app, 'Resume site at From the HLH');
		await press(app, keys.enter);
		await waitForText(app, 'HLH reaches the port');
		await press(app, keys.escape);
		await waitForText(app, 'From the HLH — run from the HLH');
		const frame = await press(app, keys.escape);
		expect(frame).toContain('Phase overview');
		const text = frame.split('\n').map(line => line.trim()).join(' ');
		expect(text).toContain('the HLH owes 1 result(s): press c to collect them over SSH, or run them there');
		// The DVM is this host: it is never told to collect from itself.
		expect(text).not.toContain('the DVM owes');
	});
});
