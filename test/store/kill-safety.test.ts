import {spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath, tempDir} from '../helpers/paths.js';

const stepCount = 1000;

function writeLongRunbook(dir: string): string {
	const file = path.join(dir, 'long.yaml');
	const steps = Array.from({length: stepCount}, (_, index) => {
		const id = `s${String(index + 1).padStart(4, '0')}`;
		return `      - {kind: instruction, id: ${id}, title: Step ${id}, body: Do ${id}.}`;
	});
	writeFileSync(file, ['id: long', 'title: Long', 'version: "1"', 'description: many transitions', 'phases:', '  - id: only', '    title: Only', '    body: b', '    steps:', ...steps, ''].join('\n'));
	return file;
}

/** Runs the real CLI and SIGKILLs it after `killAfterMs`; returns the steps it reported done. */
async function runAndKill(runbook: string, stateDir: string, killAfterMs: number): Promise<{reported: string[]; exitedAlone: boolean}> {
	const child = spawn(process.execPath, [cliPath, 'run', '--yes', '--runbook', runbook, '--state-dir', stateDir, '--session', 'k'], {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	let exitedAlone = true;
	const timer = setTimeout(() => {
		exitedAlone = false;
		child.kill('SIGKILL');
	}, killAfterMs);
	await new Promise(resolve => child.once('close', resolve));
	clearTimeout(timer);
	const reported = [...stdout.matchAll(/^✔ done\s+(s\d{4})\b/gm)].map(match => match[1]!);
	return {reported, exitedAlone};
}

describe('kill safety of the real CLI', () => {
	it('never loses a transition that was reported done, across many SIGKILLs', async () => {
		const dir = tempDir();
		const runbook = writeLongRunbook(dir);
		const stateDir = path.join(dir, 'state');
		const loaded = loadRunbook(runbook);
		const reported = new Set<string>();
		let kills = 0;
		let finished = false;
		// Bounded: at most 30 runs. Kill delays spread over start-up, mid-run and near the end.
		for (let iteration = 0; iteration < 30 && !finished; iteration++) {
			const delay = 120 + Math.floor(Math.random() * 500);
			const run = await runAndKill(runbook, stateDir, delay);
			for (const stepId of run.reported) {
				reported.add(stepId);
			}

			kills += run.exitedAlone ? 0 : 1;
			const opened = openSession({loaded, stateDir, name: 'k', operator: 'test', create: false});
			if (!opened) {
				// Killed before the session was created (a slow start under load): nothing may have been reported.
				expect(run.reported).toEqual([]);
				continue;
			}

			const session = opened.controller.session;
			opened.store.close();
			for (const stepId of reported) {
				expect(session.steps[stepId]?.state, `${stepId} was reported done before kill #${kills} (after ${delay} ms)`).toBe('done');
			}

			const journal = readJournal(sessionPaths(stateDir, 'k').journal);
			expect(journal.problem).toBeUndefined();
			finished = Object.values(session.steps).filter(record => record.state === 'done').length === stepCount;
		}

		expect(kills).toBeGreaterThanOrEqual(3);
		// At least 200 transitions were reported done across the kills, and none was lost.
		expect(reported.size).toBeGreaterThanOrEqual(200);
	});
});
