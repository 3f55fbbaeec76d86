import {spawnSync} from 'node:child_process';
import {closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statfsSync, unlinkSync, writeSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {verifyJournal} from '../../src/journal/verify.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession, type OpenedSession} from '../../src/session/open-session.js';
import {StateError} from '../../src/store/errors.js';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath} from '../helpers/paths.js';
import {longStepId, writeLongRunbook} from '../helpers/long-runbook.js';

const isRoot = process.getuid?.() === 0;
const page = 4096;

/** A small tmpfs mounted on a temporary directory for the duration of `work`, unmounted after. */
function withTmpfs(sizeKb: number, work: (mountPoint: string, scratch: string) => void): void {
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'azs-full-disk-'));
	const mountPoint = path.join(scratch, 'mnt');
	mkdirSync(mountPoint);
	const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', mountPoint], {encoding: 'utf8'});
	expect(mounted.status, `mount failed: ${mounted.stderr}`).toBe(0);
	try {
		work(mountPoint, scratch);
	} finally {
		const unmounted = spawnSync('umount', [mountPoint], {encoding: 'utf8'});
		if (unmounted.status !== 0) {
			spawnSync('umount', ['-l', mountPoint]);
		}

		rmSync(scratch, {recursive: true, force: true});
	}
}

/** Fills the file system until only `leaveBytes` (about) remain free; returns the filler's path. */
function fill(mountPoint: string, leaveBytes: number): string {
	const filler = path.join(mountPoint, 'filler');
	const stats = statfsSync(mountPoint);
	let remaining = Math.max(0, (stats.bavail * stats.bsize) - leaveBytes);
	const fd = openSync(filler, 'w');
	const chunk = Buffer.alloc(64 * 1024);
	try {
		while (remaining > 0) {
			const written = writeSync(fd, chunk, 0, Math.min(chunk.length, remaining));
			remaining -= written;
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') {
			throw error;
		}
	} finally {
		closeSync(fd);
	}

	return filler;
}

function free(filler: string): void {
	if (existsSync(filler)) {
		unlinkSync(filler);
	}
}

const read = (file: string) => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0));

describe.skipIf(!isRoot)('a disk that fills at random points (real tmpfs, needs root to mount)', () => {
	it('never loses or damages the saved state over 240 transitions: each either lands whole or fails with ENOSPC leaving both files byte-identical', () => {
		const figures = {transitions: 0, landed: 0, refusedEnospc: 0, reopened: 0};
		withTmpfs(512, (mountPoint, scratch) => {
			const steps = 220;
			const loaded = loadRunbook(writeLongRunbook(scratch, steps));
			const stateDir = path.join(mountPoint, 'state');
			const paths = sessionPaths(stateDir, 'full');
			let opened: OpenedSession = openSession({loaded, stateDir, name: 'full', operator: 'fill'})!;
			let nextStep = 1;
			try {
				// Bounded: 240 attempts, each on a disk filled to a random point around what the save needs.
				for (let attempt = 0; attempt < 240; attempt++) {
					const beforeState = read(paths.state);
					const beforeJournal = read(paths.journal);
					// The new state needs about its own size free beside the old one: leave that, give or take two pages.
					const filler = fill(mountPoint, Math.max(0, beforeState.length + Math.floor((Math.random() - 0.5) * 4 * page)));
					figures.transitions++;
					let failure: unknown;
					try {
						if (attempt % 5 === 4) {
							opened.controller.dispatch({type: 'input.set', name: 'note', value: `note ${attempt} ${'x'.repeat(Math.floor(Math.random() * 2000))}`});
						} else {
							opened.controller.dispatch({type: 'step.acknowledged', stepId: longStepId(Math.min(nextStep, steps))});
						}
					} catch (error) {
						failure = error;
					}

					free(filler);
					if (failure === undefined) {
						figures.landed++;
						nextStep++;
						const saved = JSON.parse(readFileSync(paths.state, 'utf8')) as {journalSeq: number};
						expect(saved.journalSeq).toBe(readJournal(paths.journal).entries.length);
					} else {
						expect(failure).toBeInstanceOf(StateError);
						expect((failure as Error).message).toMatch(/\(ENOSPC\)/);
						figures.refusedEnospc++;
						expect(read(paths.state).equals(beforeState), `attempt ${attempt}: the state changed although the save failed`).toBe(true);
						expect(read(paths.journal).equals(beforeJournal), `attempt ${attempt}: the journal changed although the save failed`).toBe(true);
					}

					// No temporary file survives a failed save.
					expect(readdirSync(stateDir).filter(name => name.includes('.tmp-'))).toEqual([]);
					if (attempt % 40 === 39) {
						// Reopen: the pair must vouch for each other and agree on replay.
						opened.store.close();
						opened = openSession({loaded, stateDir, name: 'full', operator: 'fill'})!;
						figures.reopened++;
						expect(opened.findings.replayed).toBe(0);
						expect(verifyJournal(stateDir, 'full', loaded.runbook)).toMatchObject({ok: true, stateAgrees: true});
					}
				}
			} finally {
				opened.store.close();
			}
		});
		console.log(`[hardening] full disk: ${figures.transitions} transitions on a filling tmpfs, ${figures.landed} landed, ${figures.refusedEnospc} refused with ENOSPC (state and journal byte-identical), ${figures.reopened} reopens agreed, 0 lost`);
		expect(figures.transitions).toBeGreaterThanOrEqual(200);
		// Both outcomes happened, so the random fill points really hit the saves.
		expect(figures.landed).toBeGreaterThan(20);
		expect(figures.refusedEnospc).toBeGreaterThan(20);
	}, 240_000);

	it('the CLI: a state larger than the free space exits 3 naming ENOSPC and the state stays byte for byte', () => {
		withTmpfs(256, (mountPoint, scratch) => {
			const runbook = writeLongRunbook(scratch, 200);
			const stateDir = path.join(mountPoint, 'state');
			const paths = sessionPaths(stateDir, 'default');
			const cli = (...args: string[]) => spawnSync(process.execPath, [cliPath, '--runbook', runbook, '--state-dir', stateDir, ...args], {encoding: 'utf8'});
			// 200 acknowledged steps make a state of several pages: the case where a cut temporary file replaced it.
			expect(cli('run', '--yes').status).toBe(0);
			const before = readFileSync(paths.state);
			expect(before.length).toBeGreaterThan(4 * page);
			// Three pages free: one for the lock, at most one for the journal line, too few for the state.
			const filler = fill(mountPoint, 3 * page);
			const result = cli('set', 'note=one more');
			free(filler);
			expect(result.status, result.stderr).toBe(3);
			expect(result.stderr).toMatch(/azs-runbook: could not save the session to .*session-default\.json \(ENOSPC\); the previous state is intact/);
			expect(readFileSync(paths.state).equals(before)).toBe(true);
		});
	}, 60_000);
});
