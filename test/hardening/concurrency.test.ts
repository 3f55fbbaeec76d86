import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

type Outcome = {code: number | null; stderr: string; value: string};

function setPort(stateDir: string, value: string): Promise<Outcome> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', stateDir, 'set', `service_port=${value}`], {stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.once('close', code => resolve({code, stderr, value}));
	});
}

describe('two or more processes on one session', () => {
	it('refuses all but the holder, every time, and the state never interleaves', async () => {
		const stateDir = tempDir();
		const loaded = loadRunbook(miniRunbook);
		let refusals = 0;
		let successes = 0;
		// Bounded: 10 rounds of 4 processes started together.
		for (let round = 0; round < 10; round++) {
			const outcomes = await Promise.all(['1', '2', '3', '4'].map(async suffix => setPort(stateDir, `${round}${suffix}`)));
			for (const outcome of outcomes) {
				if (outcome.code === 3) {
					refusals++;
					expect(outcome.stderr).toMatch(/session "default" is in use by process \d+ on /);
				} else {
					expect(outcome.code, outcome.stderr).toBe(0);
					successes++;
				}
			}

			const winners = outcomes.filter(outcome => outcome.code === 0).map(outcome => outcome.value);
			const opened = openSession({loaded, stateDir, name: 'default', operator: 'test', create: false})!;
			const saved = opened.controller.session;
			opened.store.close();
			if (winners.length > 0) {
				expect(winners).toContain(saved.inputs.service_port?.value);
			}

			const journal = readJournal(sessionPaths(stateDir, 'default').journal);
			expect(journal.problem).toBeUndefined();
			expect(journal.entries.at(-1)?.seq).toBe(saved.journalSeq);
		}

		const journal = readJournal(sessionPaths(stateDir, 'default').journal);
		const sets = journal.entries.filter(entry => entry.action.type === 'input.set');
		expect(sets).toHaveLength(successes);
		expect(refusals).toBeGreaterThan(0);
		// 40 CLI starts: bounded by the rounds, not by a time the loaded machine may not meet.
	}, 600_000);
});
