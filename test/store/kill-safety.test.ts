import {spawn} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {writeLongRunbook} from '../helpers/long-runbook.js';
import {cliPath, tempDir} from '../helpers/paths.js';

const stepCount = 1000;
const donePattern = /^✔ done\s+(s\d{4})\b/gm;

/**
Runs the real CLI and SIGKILLs it as soon as it has reported `killAfter` more steps done on stdout
(an event, not a delay: it holds however loaded the machine is). Bounded by a generous limit.
*/
async function runAndKill(runbook: string, stateDir: string, killAfter: number): Promise<{reported: string[]; killed: boolean}> {
	const child = spawn(process.execPath, [cliPath, 'run', '--yes', '--runbook', runbook, '--state-dir', stateDir, '--session', 'k', '--new'], {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let killed = false;
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		if (!killed && [...stdout.matchAll(donePattern)].length >= killAfter) {
			killed = child.kill('SIGKILL');
		}
	});
	const limit = setTimeout(() => child.kill('SIGKILL'), 120_000);
	await new Promise(resolve => child.once('close', resolve));
	clearTimeout(limit);
	// Only lines that reached us whole count as reported.
	const reported = [...stdout.matchAll(donePattern)].map(match => match[1]!);
	return {reported, killed};
}

describe('kill safety of the real CLI', () => {
	it('never loses a transition that was reported done, across many SIGKILLs', async () => {
		const dir = tempDir();
		const runbook = writeLongRunbook(dir, stepCount);
		const stateDir = path.join(dir, 'state');
		const loaded = loadRunbook(runbook);
		const reported = new Set<string>();
		let kills = 0;
		let lost = 0;
		// Bounded: 12 runs, each killed after 20 to 39 more reported transitions.
		for (let iteration = 0; iteration < 12; iteration++) {
			const killAfter = 20 + Math.floor(Math.random() * 20);
			const run = await runAndKill(runbook, stateDir, killAfter);
			for (const stepId of run.reported) {
				reported.add(stepId);
			}

			kills += run.killed ? 1 : 0;
			const opened = openSession({loaded, stateDir, name: 'k', operator: 'test', create: false})!;
			const session = opened.controller.session;
			opened.store.close();
			for (const stepId of reported) {
				if (session.steps[stepId]?.state !== 'done') {
					lost++;
				}

				expect(session.steps[stepId]?.state, `${stepId} was reported done before kill #${kills} (after ${killAfter} reports)`).toBe('done');
			}

			expect(readJournal(sessionPaths(stateDir, 'k').journal).problem).toBeUndefined();
		}

		console.log(`[hardening] kill safety: ${kills} SIGKILLs after N reported transitions, ${reported.size} transitions reported done, ${lost} lost`);
		expect(kills).toBe(12);
		expect(reported.size).toBeGreaterThanOrEqual(200);
	}, 600_000);
});
