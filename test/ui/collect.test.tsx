import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {collectHosts} from '../../src/exchange/collect-hosts.js';
import {progressSummary} from '../../src/exchange/collect-progress.js';
import type {TuiServices} from '../../src/ui/tui-services.js';
import {cliPath, repoRoot, tempDir} from '../helpers/paths.js';
import {joined, keys, press, waitForFrame, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {prepareSession} from './helpers/sessions.js';

/*
The Collect screen over the real collection (src/exchange/collect-hosts.ts, the collect command's
logic): only the transport is a stand-in for the ssh client, which here runs the real
`azs-runbook results run-job` on this machine. The real ssh and sshd are in test/lab/collect.test.ts.
*/

const runbook = path.join(repoRoot, 'test', 'fixtures', 'runbooks', 'vantages.yaml');

/** A stand-in `ssh`: "down" hosts are unreachable, "hangs" never answers, any other runs the job here. */
function fakeSsh(dir: string): string {
	const file = path.join(dir, 'fake-ssh');
	writeFileSync(file, [
		'#!/bin/sh',
		'for arg; do destination=$prev; prev=$arg; done',
		'case "$destination" in',
		'  *down*) echo "ssh: connect to host $destination port 22: Connection refused" >&2; exit 255 ;;',
		'  *hangs*) exec sleep 600 ;;',
		'esac',
		`exec '${process.execPath}' '${cliPath}' --runbook '${runbook}' results run-job`,
		'',
	].join('\n'), {mode: 0o755});
	return file;
}

function collectThrough(sshBinary: string): TuiServices['collect'] {
	return async (controller, hosts, onProgress, signal) => {
		await collectHosts(controller, {
			hosts,
			scope: {},
			operator: 'alice',
			options: {extraCaPem: [], timeoutMs: 1000},
			ssh: {sshBinary, remoteTool: 'azs-runbook', connectTimeoutSeconds: 5, timeoutMs: 60_000},
			signal,
			onProgress: progress => onProgress(progressSummary(progress)),
		});
	};
}

async function openOverview(stateDir: string, sshBinary: string) {
	// This machine (127.0.0.1) plays the HLH for the collected run; the session's host is the DVM elsewhere.
	await prepareSession(runbook, stateDir, 'site', controller => {
		controller.dispatch({type: 'input.set', name: 'dvm_address', value: '10.9.9.10'});
		controller.dispatch({type: 'input.set', name: 'hlh_address', value: '127.0.0.1'});
		controller.dispatch({type: 'input.set', name: 'target_host', value: '127.0.0.1'});
		controller.dispatch({type: 'position.moved', position: {phaseId: 'hlh-side', stepId: 'hlh-port'}});
	});
	const app = mountApp({runbook, stateDir, session: 'site', openPreferred: true, services: {collect: collectThrough(sshBinary)}, size: {columns: 100, rows: 24}});
	await waitForText(app, 'HLH reaches the port');
	await press(app, keys.escape);
	await waitForText(app, 'From the HLH — run from the HLH');
	await press(app, keys.escape);
	await waitForText(app, 'Phase overview');
	return app;
}

type SavedState = {steps: Record<string, {result?: {vantage: {name?: string; collected?: {via: string; source: string}}}}>; collectHosts?: Record<string, {ok: boolean; destination: string; message?: string}>};

describe('the Collect screen', () => {
	it('is offered by the overview, adds a host, collects with a progress line, and merges the results labelled with the vantage', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const app = await openOverview(stateDir, fakeSsh(dir));
		expect(joined(app.lastFrame() ?? '')).toContain('press c to collect them over SSH');

		let frame = await press(app, 'c');
		expect(frame).toContain('Phase overview › collect');
		expect(frame).toMatch(/the HLH \(hlh\): no host · 0\/1 proven/);
		expect(frame).toMatch(/the DVM \(dvm\): no host/);
		expect(frame).toContain('no host yet: a adds user@address');

		// Rows follow the runbook: the DVM, then the HLH. A destination ssh would read as an option is refused.
		frame = await press(app, keys.down);
		expect(frame).toMatch(/› the HLH \(hlh\)/);
		frame = await press(app, 'a');
		expect(frame).toContain('Host for the HLH');
		await press(app, '-oProxyCommand=x');
		frame = await press(app, keys.enter);
		expect(frame).toContain('is not an SSH destination');
		await press(app, keys.ctrlU);
		await press(app, 'root@hlh-01');
		frame = await press(app, keys.enter);
		expect(frame).toMatch(/the HLH \(hlh\): root@hlh-01 · 0\/1 proven/);
		expect(frame).toContain('not collected yet: Enter collects');

		await press(app, keys.enter);
		frame = await waitForFrame(app, text => /Collection (finished|stopped)/.test(text), 30_000);
		expect(frame).toMatch(/✔ from [^:]+: took 1 \(1 failing\), refused 0 \[[\d.]+ s\]/);
		expect(frame).toMatch(/the HLH \(hlh\): root@hlh-01 · 1\/1 proven/);
		expect(frame).toContain('Collection finished: 1 host(s) merged, 0 failed');

		const saved = JSON.parse(readFileSync(path.join(stateDir, 'session-site.json'), 'utf8')) as SavedState;
		expect(saved.steps['hlh-port']?.result?.vantage).toMatchObject({name: 'hlh', collected: {via: 'ssh', source: 'root@hlh-01'}});
		expect(saved.collectHosts?.hlh).toMatchObject({ok: true, destination: 'root@hlh-01'});

		// Back and in again: the host is remembered by the session, with its last collection.
		await press(app, keys.escape);
		frame = await press(app, 'c');
		expect(frame).toMatch(/✔ last collected .* from root@hlh-01: took 1, refused 0/);
	});

	it('says why a host failed while the others finish, and stops a collection on Esc', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const app = await openOverview(stateDir, fakeSsh(dir));
		await press(app, 'c');
		await press(app, 'a');
		await press(app, 'root@dvm-down');
		await press(app, keys.enter);
		await press(app, keys.down);
		await press(app, 'a');
		await press(app, 'root@hlh-01');
		await press(app, keys.enter);
		await press(app, 'c');
		let frame = await waitForFrame(app, text => text.includes('Collection finished'), 30_000);
		expect(joined(frame)).toContain('✖ cannot reach root@dvm-down over SSH');
		expect(frame).toMatch(/the HLH \(hlh\): root@hlh-01 · 1\/1 proven/);
		expect(frame).toContain('Collection finished: 1 host(s) merged, 1 failed');
		const saved = JSON.parse(readFileSync(path.join(stateDir, 'session-site.json'), 'utf8')) as SavedState;
		expect(saved.collectHosts?.dvm).toMatchObject({ok: false, destination: 'root@dvm-down'});
		expect(saved.collectHosts?.hlh).toMatchObject({ok: true, destination: 'root@hlh-01'});

		// A host that never answers: the progress line runs until Esc stops it; the app stays open.
		await press(app, keys.up);
		await press(app, 'a');
		await press(app, keys.ctrlU);
		await press(app, 'root@dvm-hangs');
		await press(app, keys.enter);
		await press(app, keys.enter);
		frame = await waitForFrame(app, text => text.includes('running 1 step(s) there'), 10_000);
		expect(frame).toContain('s, Esc or Ctrl+C stop');
		await press(app, keys.escape);
		frame = await waitForFrame(app, text => text.includes('Collection stopped'), 10_000);
		expect(joined(frame)).toContain('stopped by the operator');
		expect(frame).toContain('Phase overview › collect');
	});

	it('stops on Ctrl+C instead of quitting while it collects', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const app = await openOverview(stateDir, fakeSsh(dir));
		await press(app, 'c');
		await press(app, keys.down);
		await press(app, 'a');
		await press(app, 'root@hlh-hangs');
		await press(app, keys.enter);
		await press(app, keys.enter);
		await waitForFrame(app, text => text.includes('running 1 step(s) there'), 10_000);
		await press(app, keys.ctrlC);
		const frame = await waitForFrame(app, text => text.includes('Collection stopped'), 10_000);
		expect(frame).toContain('Phase overview › collect');
		const saved = JSON.parse(readFileSync(path.join(stateDir, 'session-site.json'), 'utf8')) as SavedState;
		expect(saved.collectHosts?.hlh).toMatchObject({ok: false, message: 'stopped by the operator'});
	});
});
