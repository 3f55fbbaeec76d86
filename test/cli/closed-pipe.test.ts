import {spawn, spawnSync} from 'node:child_process';
import {existsSync, openSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath, tempDir} from '../helpers/paths.js';

/*
`run | head -1` (issue 15 item 13): the reader closes the pipe after the first line. The run must not
die half-way leaving a step "was running"; it stops as on Ctrl+C: the interrupted step is recorded as
cancelled in the journal, the lock is released, and the exit status is the shell's for a closed pipe.
*/
describe('a closed output pipe', () => {
	it('stops the run cleanly: the interrupted step is cancelled, nothing is left running, the lock is released', async () => {
		const dir = tempDir();
		const gate = path.join(dir, 'gate');
		const runbook = path.join(dir, 'pipe.yaml');
		// first prints a line; second waits for the test's gate file, so its line is written after the pipe closed;
		// third runs long: it is the step the closed pipe interrupts.
		writeFileSync(runbook, [
			'id: pipe', 'title: Pipe', 'version: "1"', 'description: a run whose reader goes away', 'phases:',
			'  - id: p', '    title: P', '    body: b', '    steps:',
			'      - {kind: command, id: first, title: First, body: b, argv: [node, -e, "0"]}',
			`      - {kind: command, id: second, title: Second, body: b, argv: [node, -e, "const f = require('fs'); const t = setInterval(() => { if (f.existsSync(process.argv[1])) clearInterval(t); }, 20)", ${JSON.stringify(gate)}]}`,
			'      - {kind: command, id: third, title: Third, body: b, argv: [node, -e, "setTimeout(() => {}, 120000)"]}',
		].join('\n'));
		const stateDir = path.join(dir, 'state');
		const child = spawn(process.execPath, [cliPath, 'run', '--runbook', runbook, '--state-dir', stateDir, '--session', 'site', '--new'], {stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));

		// Like `head -1`: read up to the first line, then close the read end.
		const firstLine = await new Promise<string>((resolve, reject) => {
			let text = '';
			child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
				text += chunk;
				if (text.includes('\n')) {
					resolve(text.split('\n')[0]!);
				}
			});
			child.stdout.once('end', () => reject(new Error(`output ended before a line: ${stderr}`)));
		});
		child.stdout.destroy();
		expect(firstLine).toMatch(/passed +first/);
		writeFileSync(gate, '');

		expect(await exited).toBe(141);
		expect(stderr).toContain('standard output was closed, so the run stopped');
		const paths = sessionPaths(stateDir, 'site');
		expect(existsSync(paths.lock)).toBe(false);
		const journal = readFileSync(paths.journal, 'utf8');
		// Whatever was running when the pipe closed is recorded as cancelled: no step is left "running".
		const state = JSON.parse(readFileSync(paths.state, 'utf8')) as {steps: Record<string, {state: string}>};
		expect(Object.values(state.steps).map(step => step.state)).not.toContain('running');
		expect(state.steps.second?.state).toBe('passed');
		if (journal.includes('"third"')) {
			expect(journal).toMatch(/"type":"step\.cancelled","stepId":"third"|"stepId":"third"[^\n]*"type":"step\.cancelled"/);
		}

		// The next process finds nothing that "was running".
		const status = spawnSync(process.execPath, [cliPath, 'status', '--runbook', runbook, '--state-dir', stateDir, '--session', 'site'], {stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'], encoding: 'utf8'});
		expect(status.stderr).not.toContain('was running');
		expect(status.status).toBe(0);
	});
});
