import {spawnSync, type SpawnSyncOptions} from 'node:child_process';
import {chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

/*
The state and the journal vouch for each other on every open. Each case damages a recorded session
the way the attack did, then runs the real CLI: every disagreement is refused (exit 3, the choice
spelled out), and nothing is written. The table at the end is the hardening summary.
*/

const handled: Array<{corruption: string; handling: string}> = [];
afterAll(() => {
	for (const row of handled) {
		console.log(`[hardening] corruption: ${row.corruption} → ${row.handling}`);
	}

	console.log(`[hardening] corruptions tried: ${handled.length}`);
});

function cli(stateDir: string, args: string[], options: SpawnSyncOptions = {}) {
	const result = spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', stateDir, '--session', 'site', '--new', ...args], {encoding: 'utf8', ...options});
	return {status: result.status, stdout: String(result.stdout), stderr: String(result.stderr)};
}

/** A session with a few entries, recorded by the real CLI. */
/** A session with three values set. `inOwnDir` puts the state directory inside a fresh directory of its own (a test may change that one's mode, never the system's temporary directory's). */
function recorded(inOwnDir = false) {
	const stateDir = inOwnDir ? path.join(tempDir(), 'state') : tempDir();
	for (const port of ['21', '22', '23']) {
		expect(cli(stateDir, ['set', `service_port=${port}`]).status).toBe(0);
	}

	const paths = sessionPaths(stateDir, 'site');
	const snapshot = () => ({state: existsSync(paths.state) ? readFileSync(paths.state) : undefined, journal: existsSync(paths.journal) ? readFileSync(paths.journal) : undefined});
	const lines = () => readFileSync(paths.journal, 'utf8').split('\n').filter(Boolean);
	return {stateDir, paths, snapshot, lines};
}

/** The refusal every disagreement gets: exit 3, both ways out named, no stack trace, nothing written. */
function expectRefused(result: ReturnType<typeof cli>, before: {state?: Buffer; journal?: Buffer}, after: {state?: Buffer; journal?: Buffer}, problem: RegExp) {
	expect(result.status, result.stderr).toBe(3);
	expect(result.stderr).toMatch(/do not vouch for each other/);
	expect(result.stderr).toMatch(problem);
	expect(result.stderr).toMatch(/Nothing was written/);
	// The way out carries the options that reach this session (state directory, runbook), built like every suggestion.
	expect(result.stderr).toMatch(/ --session site --state-dir \S+ --runbook \S+mini\.yaml reset --yes\n/);
	expect(result.stderr).toMatch(/ --session site --state-dir \S+ --runbook \S+mini\.yaml journal verify/);
	expect(result.stderr).not.toMatch(/\n\s+at /);
	expect(after.state?.equals(before.state!) ?? before.state === undefined).toBe(true);
	expect(after.journal?.equals(before.journal!) ?? before.journal === undefined).toBe(true);
}

describe('the state and the journal vouch for each other on every open', () => {
	it('an emptied journal is refused, never healed by the next append', () => {
		const {stateDir, paths, snapshot} = recorded();
		writeFileSync(paths.journal, '');
		const before = snapshot();
		const result = cli(stateDir, ['set', 'service_port=24']);
		expectRefused(result, before, snapshot(), /the journal is empty or missing, but the saved state includes entries up to 4: it was emptied or deleted/);
		expect(cli(stateDir, ['journal', 'verify']).status).toBe(3);
		// Read-only readers still work, and say the record is in doubt.
		expect(cli(stateDir, ['report']).stderr).toMatch(/warning: the saved state and its journal do not vouch for each other: the journal is empty or missing/);
		handled.push({corruption: 'journal emptied (: > journal)', handling: 'refused on open, exit 3, nothing written; journal verify fails; report warns'});
	});

	it('a journal with its last entries cut is refused; journalSeq never goes backwards', () => {
		const {stateDir, paths, snapshot, lines} = recorded();
		writeFileSync(paths.journal, `${lines().slice(0, 2).join('\n')}\n`);
		const before = snapshot();
		expectRefused(cli(stateDir, ['set', 'service_port=24']), before, snapshot(), /the journal ends after entry 2 but the saved state includes 4: 2 entries were removed from the end/);
		handled.push({corruption: 'last entries cut from the journal', handling: 'refused on open, exit 3, nothing written'});
	});

	it('a cut in the middle of a line that removed reported entries is not called an interrupted write', () => {
		const {stateDir, paths, snapshot} = recorded();
		const text = readFileSync(paths.journal, 'utf8');
		// Cut inside the second line: entries 2 to 4, all reported done, are gone.
		const secondLine = text.indexOf('\n') + 1;
		writeFileSync(paths.journal, text.slice(0, secondLine + 40));
		const before = snapshot();
		const result = cli(stateDir, ['set', 'service_port=24']);
		expectRefused(result, before, snapshot(), /the journal ends in the middle of a line after entry 1, but the saved state includes entries up to 4: the journal was cut/);
		expect(result.stderr).not.toMatch(/never reported done/);
		const verify = cli(stateDir, ['journal', 'verify']);
		expect(verify.status).toBe(3);
		expect(verify.stdout).not.toMatch(/interrupted write \(a kill mid-append\)/);
		handled.push({corruption: 'journal cut mid-file (inside line 2)', handling: 'refused on open as a cut journal, never "a line cut short, never reported done"'});
	});

	it('a journal with an edited line is never appended to', () => {
		const {stateDir, paths, snapshot} = recorded();
		writeFileSync(paths.journal, readFileSync(paths.journal, 'utf8').replace('"value":"22"', '"value":"2222"'));
		const before = snapshot();
		for (let attempt = 0; attempt < 3; attempt++) {
			expectRefused(cli(stateDir, ['set', `service_port=3${attempt}`]), before, snapshot(), /the journal fails verification at line 3: content does not match its hash/);
		}

		handled.push({corruption: 'a journal line edited', handling: 'refused on every open (3 tries), never appended to'});
	});

	it('a journal replaced by another one of the same length (a fork) is refused by the recorded hash', () => {
		const {stateDir, paths, snapshot} = recorded();
		const other = tempDir();
		for (const port of ['81', '82', '83']) {
			expect(cli(other, ['set', `service_port=${port}`]).status).toBe(0);
		}

		writeFileSync(paths.journal, readFileSync(sessionPaths(other, 'site').journal));
		expect(readJournal(paths.journal).problem).toBeUndefined();
		const before = snapshot();
		expectRefused(cli(stateDir, ['set', 'service_port=24']), before, snapshot(), /the journal's entry 4 is not the one the saved state recorded .*: the journal was rewritten or replaced/);
		handled.push({corruption: 'journal replaced by a valid one of the same length (fork)', handling: 'refused on open by the state\'s recorded hash'});
	});

	it('the ways out work: journal rebuild restores a consistent pair, reset keeps both aside', () => {
		const {stateDir, paths, lines} = recorded();
		const all = lines();
		// An edit at line 4: entries 1–3 verify, the state (4 entries) disagrees.
		writeFileSync(paths.journal, `${[...all.slice(0, 3), all[3]!.replace('"23"', '"99"')].join('\n')}\n`);
		expect(cli(stateDir, ['set', 'service_port=24']).status).toBe(3);
		expect(cli(stateDir, ['journal', 'rebuild']).status).toBe(2); // needs --yes
		const rebuilt = cli(stateDir, ['journal', 'rebuild', '--yes']);
		expect(rebuilt.status, rebuilt.stderr).toBe(0);
		expect(rebuilt.stdout).toMatch(/rebuilt from its journal's 3 verified entries \(the lines after them are only in the kept copy\)/);
		expect(readdirSync(stateDir).filter(name => name.includes('.before-rebuild-'))).toHaveLength(2);
		expect(cli(stateDir, ['set', 'service_port=25']).status).toBe(0);
		expect(cli(stateDir, ['journal', 'verify']).stdout).toMatch(/journal ok: 4 entries, hash chain intact, the saved state agrees/);

		writeFileSync(paths.journal, '');
		expect(cli(stateDir, ['set', 'service_port=26']).status).toBe(3);
		expect(cli(stateDir, ['reset', '--yes']).status).toBe(0);
		expect(cli(stateDir, ['set', 'service_port=27']).status).toBe(0);
		expect(readJournal(paths.journal).entries.map(entry => entry.seq)).toEqual([1, 2]);
		handled.push({corruption: 'an edited last entry, then the operator\'s choice', handling: '`journal rebuild --yes` (3 verified entries kept, old pair copied aside) and `reset --yes` both lead to a verified pair'});
	});

	it('a missing state beside an intact journal is rebuilt from the journal, never replaced by an empty session', () => {
		const {stateDir, paths} = recorded();
		const journalBefore = readFileSync(paths.journal, 'utf8');
		renameSync(paths.state, `${paths.state}.moved`);
		const result = cli(stateDir, ['set', 'service_port=24']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stderr).toMatch(/the saved state was missing beside its journal; it was rebuilt from the journal's 4 entries/);
		const journal = readJournal(paths.journal);
		expect(journal.problem).toBeUndefined();
		expect(readFileSync(paths.journal, 'utf8').startsWith(journalBefore)).toBe(true);
		expect(journal.entries.filter(entry => entry.action.type === 'session.created')).toHaveLength(1);
		expect(cli(stateDir, ['journal', 'verify']).stdout).toMatch(/the saved state agrees/);
		handled.push({corruption: 'state file deleted, journal intact', handling: 'state rebuilt from the journal on open (notice), chain continued'});
	});

	it('a reset killed between its two renames is finished on the next open', () => {
		const {stateDir, paths, snapshot} = recorded();
		const before = snapshot();
		// What a kill after the first rename leaves: the journal backed up, the state still in place.
		const stamp = '2026-01-05T08-00-00.000Z';
		renameSync(paths.journal, `${paths.journal}.reset-${stamp}.bak`);
		const result = cli(stateDir, ['set', 'service_port=24']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stderr).toMatch(/a reset was interrupted between its two renames; it was finished/);
		expect(readFileSync(`${paths.state}.reset-${stamp}.bak`).equals(before.state!)).toBe(true);
		expect(readFileSync(`${paths.journal}.reset-${stamp}.bak`).equals(before.journal!)).toBe(true);
		// A fresh session with its own journal: session.created, the new value.
		expect(readJournal(paths.journal).entries.map(entry => entry.action.type)).toEqual(['session.created', 'input.set']);
		handled.push({corruption: 'reset killed between its two renames', handling: 'detected (journal backup ends where the state does) and finished on the next open'});
	});
});

describe('session files that are not plain files: a clear message, exit 3, no stack trace', () => {
	const noStack = (result: ReturnType<typeof cli>) => {
		expect(result.status, result.stderr).toBe(3);
		expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
	};

	it('the state path is a directory', () => {
		const stateDir = tempDir();
		mkdirSync(sessionPaths(stateDir, 'site').state);
		for (const args of [['set', 'service_port=22'], ['status'], ['journal', 'verify'], ['report']]) {
			const result = cli(stateDir, args);
			noStack(result);
			expect(result.stderr).toMatch(/the saved state .*session-site\.json is a directory, not a file/);
		}

		handled.push({corruption: 'state path is a directory', handling: 'exit 3 "is a directory, not a file" (set, status, journal verify, report)'});
	});

	it('the journal path is a directory', () => {
		const {stateDir, paths} = recorded();
		renameSync(paths.journal, `${paths.journal}.old`);
		mkdirSync(paths.journal);
		for (const args of [['set', 'service_port=24'], ['journal', 'verify'], ['report']]) {
			const result = cli(stateDir, args);
			noStack(result);
			expect(result.stderr).toMatch(/the journal .*session-site\.journal\.jsonl is a directory, not a file/);
		}

		handled.push({corruption: 'journal path is a directory', handling: 'exit 3 "is a directory, not a file"'});
	});

	it.skipIf(process.getuid?.() !== 0)('the state file is unreadable (run as nobody; needs root to switch user)', () => {
		const {stateDir, paths, snapshot} = recorded(true);
		// The state directory's own parent (a fresh directory), so nobody can reach the state directory.
		chmodSync(path.dirname(stateDir), 0o755);
		chownSync(stateDir, 65_534, 65_534);
		chmodSync(paths.journal, 0o644);
		// The state stays root's, mode 0600: nobody cannot read it.
		const before = snapshot();
		const result = cli(stateDir, ['set', 'service_port=24'], {uid: 65_534, gid: 65_534});
		noStack(result);
		expect(result.stderr).toMatch(/cannot read the saved state .*session-site\.json \(EACCES\)/);
		expect(snapshot()).toEqual(before);
		handled.push({corruption: 'state file unreadable (EACCES)', handling: 'exit 3 naming EACCES and what to do'});
	});

	for (const which of ['state', 'journal', 'lock'] as const) {
		it(`a symlinked ${which} file is refused, never followed`, () => {
			const {stateDir, paths} = recorded();
			const target = path.join(tempDir(), 'target');
			// The lock exists only while a command runs: a planted link to an empty file stands in for it.
			writeFileSync(target, which === 'lock' ? '' : readFileSync(paths[which]));
			const targetBefore = readFileSync(target);
			if (which !== 'lock') {
				renameSync(paths[which], `${paths[which]}.real`);
			}

			symlinkSync(target, paths[which]);
			const result = cli(stateDir, ['set', 'service_port=24']);
			noStack(result);
			expect(result.stderr).toMatch(/is a symbolic link; azs-runbook never follows links for its own files/);
			expect(readFileSync(target).equals(targetBefore)).toBe(true);
			handled.push({corruption: `${which} file replaced by a symlink`, handling: 'refused (exit 3), the link target untouched'});
		});
	}
});
