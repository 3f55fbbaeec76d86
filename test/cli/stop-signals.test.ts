import {spawn} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {exitCodeForSignal} from '../../src/cli/stop-signals.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath, tempDir} from '../helpers/paths.js';

/** Waits (bounded, generous) until `condition` holds. */
async function until(condition: () => boolean, what: string): Promise<void> {
	for (let attempt = 0; attempt < 1200; attempt++) {
		if (condition()) {
			return;
		}

		await new Promise(resolve => setTimeout(resolve, 25));
	}

	throw new Error(`timed out waiting for ${what}`);
}

/*
Closing the console window (SIGHUP on Windows, and a closed terminal or SSH session on Linux) and
Ctrl+Break (SIGBREAK, Windows only) must stop like Ctrl+C: what finished is kept and the lock is
released. Node kills a process with no listener at once, skipping the exit handlers that release it.
*/
describe('stop signals', () => {
	it.each(['SIGINT', 'SIGHUP', 'SIGTERM'] as const)('%s during a run stops it, records the step as cancelled, releases the lock and exits 128+n (130 for Ctrl+C)', async signal => {
		const dir = tempDir();
		const runbook = path.join(dir, 'hold.yaml');
		writeFileSync(runbook, [
			'id: hold', 'title: Hold', 'version: "1"', 'description: holds the lock', 'phases:',
			'  - id: p', '    title: P', '    body: b', '    steps:',
			'      - {kind: command, id: wait, title: Wait, body: b, argv: [node, -e, "setTimeout(() => {}, 60000)"]}',
		].join('\n'));
		const stateDir = path.join(dir, 'state');
		const child = spawn(process.execPath, [cliPath, 'run', '--runbook', runbook, '--state-dir', stateDir, '--session', 'site', '--new'], {stdio: 'ignore'});
		const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
		const paths = sessionPaths(stateDir, 'site');
		// The step is running once the journal records its start.
		await until(() => existsSync(paths.lock) && existsSync(paths.journal) && readFileSync(paths.journal, 'utf8').includes('"wait"'), 'the command step to start');
		child.kill(signal);
		expect(await exited).toBe(exitCodeForSignal(signal));
		expect(existsSync(paths.lock)).toBe(false);
		expect(readFileSync(paths.journal, 'utf8')).toMatch(/"step\.cancelled"/);
		if (signal === 'SIGINT') {
			expect(await exited).toBe(130);
		}
	});

	it('maps Ctrl+Break to 149 on every platform, and Ctrl+C to 130', () => {
		expect(exitCodeForSignal('SIGBREAK')).toBe(149);
		expect(exitCodeForSignal('SIGINT')).toBe(130);
	});
});
