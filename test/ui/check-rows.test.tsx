import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {ProbeEvent} from '../../src/checks/types.js';
import type {SessionController} from '../../src/engine/controller.js';
import type {RunReport, RunTarget} from '../../src/engine/run-steps.js';
import {tempDir} from '../helpers/paths.js';
import {keys, press, resumeSession, waitForAnyFrame, waitForFrame, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {writeRunbook} from './helpers/runbooks.js';
import {prepareSession, silentUdp} from './helpers/sessions.js';
import {listSessions} from '../../src/store/session-store.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const close of closers.splice(0)) {
		await close();
	}
});

/**
A check run the test drives: each probe starts, then waits until the test releases it, and the
result goes through the real controller (dispatch persists it), as runSteps would.
*/
function controlledRun() {
	let release: () => void = () => undefined;
	const gate = new Promise<void>(resolve => {
		release = resolve;
	});
	const run = async (controller: SessionController, target: RunTarget, onProbe: (stepId: string, event: ProbeEvent) => void): Promise<RunReport> => {
		const stepId = target.stepId ?? 'dns';
		controller.dispatch({type: 'step.started', stepId});
		onProbe(stepId, {type: 'start', id: 'a', target: 'udp://10.0.0.53:53 management.azure.com', kind: 'dns-udp'});
		onProbe(stepId, {type: 'start', id: 'b', target: 'udp://10.0.0.54:53 management.azure.com', kind: 'dns-udp'});
		await gate;
		onProbe(stepId, {type: 'end', id: 'a', record: {target: 'udp://10.0.0.53:53 management.azure.com', kind: 'dns-udp', ok: true, durationMs: 12, localAddress: '10.1.0.5'}});
		onProbe(stepId, {type: 'end', id: 'b', record: {target: 'udp://10.0.0.54:53 management.azure.com', kind: 'dns-udp', ok: false, durationMs: 2000, errorCode: 'TIMEOUT'}});
		controller.dispatch({
			type: 'check.finished',
			stepId,
			ttlSeconds: 3600,
			usedInputs: [],
			result: {
				checkId: 'dns.forwarder',
				status: 'fail',
				summary: '10.0.0.54 does not answer over UDP 53 (dropped)',
				remediation: 'Allow UDP 53 from 10.1.0.5 to 10.0.0.54 on the border firewall, then re-run.',
				owner: 'firewall-team',
				evidence: [],
				startedAt: new Date().toISOString(),
				durationMs: 2000,
				vantage: {host: 'dvm', localAddresses: ['10.1.0.5']},
			},
		});
		return {ran: [{stepId, state: 'failed', blocking: true}], waiting: [], refused: [], notApplicable: []};
	};

	return {run, release: () => release()};
}

function runbookWith(dir: string, dnsParams: string): string {
	return writeRunbook(dir, 'rows', [
		{id: 'egress', title: 'DVM egress', steps: [
			`{kind: check, id: dns, title: DNS forwarders answer, body: Query them., check: dns.forwarder, params: ${dnsParams}}`,
			'{kind: confirm, id: noted, title: Results noted, body: Note them., attestation: I noted the results.}',
		]},
	]);
}

describe('check rows', () => {
	it('shows one row per probe with a spinner and elapsed time, then a mark, a word and the result', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const file = runbookWith(dir, '{servers: 10.0.0.53}');
		await prepareSession(file, stateDir, 't1', () => undefined);
		const controlled = controlledRun();
		const app = mountApp({runbook: file, stateDir, services: {run: controlled.run}});
		await resumeSession(app, 'DNS forwarders answer · check');
		await press(app, 'R');

		// Running: the step and each probe spin, with an elapsed time that moves.
		const running = await waitForText(app, /running\s+udp:\/\/10\.0\.0\.54:53 management\.azure\.com {2}\d+\.\d s/);
		expect(running).toMatch(/› [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] running\s+DNS forwarders answer — \d+\.\d s/);
		expect(running).toMatch(/ {6}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] running {2}udp:\/\/10\.0\.0\.53:53 management\.azure\.com {2}\d+\.\d s/);
		const elapsed = (frame: string) => /10\.0\.0\.53:53 management\.azure\.com {2}(\d+\.\d) s/.exec(frame)?.[1];
		const first = elapsed(running);
		await waitForFrame(app, frame => elapsed(frame) !== undefined && elapsed(frame) !== first);

		controlled.release();
		const done = await waitForText(app, 'Run finished');
		// Cut to 80 columns with an ellipsis, never wrapped.
		expect(done).toMatch(/^› ✖ failed\s+DNS forwarders answer — 10\.0\.0\.54 does not answer over UDP 53 .*…$/m);
		// Finished: the failed probe keeps its row, the ones that answered fold into a count.
		expect(done).toContain('      ✖ TIMEOUT  udp://10.0.0.54:53 management.azure.com  2000 ms');
		expect(done).toContain('      ✔ ok  1 other probe answered (d lists them)');
		expect(done).not.toContain('udp://10.0.0.53:53');
		expect(done).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);

		// Details: the remediation with the site's values, as plain text at the left margin.
		const details = await press(app, 'd');
		expect(details).toContain('Remediation (owner: firewall-team):');
		const remediation = details.split('\n').find(line => line.startsWith('Allow UDP 53'));
		expect(remediation?.trimEnd()).toBe('Allow UDP 53 from 10.1.0.5 to 10.0.0.54 on the border firewall, then re-run.');
		expect(details).toContain('Ran on dvm from 10.1.0.5');
	});

	it('runs the real dns.forwarder check through the engine: rows spin, then time out against a silent server', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const silent = await silentUdp();
		closers.push(silent.close);
		const file = runbookWith(dir, `{servers: '127.0.0.1:${silent.port}', names: [management.azure.com], transports: [udp], timeoutMs: 700}`);
		await prepareSession(file, stateDir, 't1', () => undefined);
		const app = mountApp({runbook: file, stateDir});
		await resumeSession(app, 'DNS forwarders answer · check');
		await press(app, keys.escape);

		// r re-runs the chosen check.
		await press(app, 'r');
		const running = await waitForText(app, `running  udp://127.0.0.1:${silent.port} management.azure.com`);
		expect(running).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] running\s+DNS forwarders answer/);
		const done = await waitForText(app, 'Run finished', 5000);
		expect(done).toMatch(/› ✖ failed\s+DNS forwarders answer — /);
		expect(done).toContain(`✖ TIMEOUT  udp://127.0.0.1:${silent.port} management.azure.com`);

		// R re-runs the whole phase: the rows start again, and what waits for a person is listed.
		await press(app, 'R');
		await waitForText(app, /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] running {2}udp:\/\/127\.0\.0\.1/);
		const phase = await waitForText(app, 'Run finished', 5000);
		expect(phase).toContain('· noted waits for you: Results noted');
	});

	it('quitting while checks run stops them at once and saves the step as not run', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const silent = await silentUdp();
		closers.push(silent.close);
		const file = runbookWith(dir, `{servers: '127.0.0.1:${silent.port}', names: [management.azure.com], transports: [udp], timeoutMs: 30000}`);
		await prepareSession(file, stateDir, 't1', () => undefined);
		const app = mountApp({runbook: file, stateDir});
		await resumeSession(app, 'DNS forwarders answer · check');
		await press(app, 'R');
		await waitForText(app, /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] running {2}udp:\/\/127\.0\.0\.1/);
		const stateOf = () => listSessions(stateDir).find(summary => summary.name === 't1')?.session?.steps.dns?.state;
		expect(stateOf()).toBe('running');

		const started = Date.now();
		app.stdin.write(keys.ctrlC);
		await waitForAnyFrame(app, 'quitting: stopping checks, saving…');
		// Bounded poll: the abort reaches the probe, the engine records the cancellation.
		while (stateOf() === 'running' && Date.now() - started < 5000) {
			await new Promise(resolve => setTimeout(resolve, 20));
		}

		expect(stateOf()).toBe('pending');
		expect(Date.now() - started).toBeLessThan(5000);
	});
});
