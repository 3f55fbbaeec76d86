import {spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {SessionLockedError} from '../../src/store/errors.js';
import {acquireLock, processStartTicks} from '../../src/store/lock.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {miniRunbook, repoRoot, tempDir} from '../helpers/paths.js';

/*
A lock must name its holder precisely: a PID alone is not enough (PIDs are reused, on Windows
quickly), and the wall clock is not a witness (NTP fixes and hypervisor time sync move it).
Where Linux cannot show Windows behaviour, process.platform is stubbed: no /proc to ask.
*/

const loaded = loadRunbook(miniRunbook);
const realPlatform = process.platform;

function asWindows(): void {
	Object.defineProperty(process, 'platform', {value: 'win32', configurable: true});
}

afterEach(() => {
	Object.defineProperty(process, 'platform', {value: realPlatform, configurable: true});
	vi.restoreAllMocks();
});

/** A live process that is not azs-runbook, for the length of the test. */
async function unrelatedProcess(): Promise<{pid: number; stop: () => void}> {
	const child = spawn('sleep', ['60'], {stdio: 'ignore'});
	await new Promise(resolve => child.once('spawn', resolve));
	return {pid: child.pid!, stop: () => child.kill('SIGKILL')};
}

/** Another process that takes the lock through the store's code and holds it until stopped. */
async function holderProcess(lockFile: string): Promise<{pid: number; stop: () => void}> {
	const script = 'const {acquireLock} = await import(process.argv[1]); acquireLock(process.argv[2], "site"); console.log("held"); setTimeout(() => {}, 60000);';
	const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, path.join(repoRoot, 'src', 'store', 'lock.ts'), lockFile], {stdio: ['ignore', 'pipe', 'inherit']});
	await new Promise<void>((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			if (out.includes('held')) {
				resolve();
			}
		});
		child.once('exit', code => reject(new Error(`the holder exited (${code}) before taking the lock`)));
	});
	return {pid: child.pid!, stop: () => child.kill('SIGKILL')};
}

function writeLock(stateDir: string, owner: Record<string, unknown>): void {
	writeFileSync(sessionPaths(stateDir, 'site').lock, JSON.stringify({host: os.hostname(), since: '2026-01-05T08:00:00Z', uptime: os.uptime(), ...owner}));
}

describe('a lock naming this process\'s own PID', () => {
	it('is stale unless this process took it (a restarted process reused the PID, as Windows does)', () => {
		const stateDir = tempDir();
		writeLock(stateDir, {pid: process.pid, nonce: 'left-by-a-predecessor'});
		const opened = openSession({loaded, stateDir, name: 'site', operator: 'wendy'})!;
		try {
			// The lock this process took is still its own: a second open in the same process is refused.
			expect(() => openSession({loaded, stateDir, name: 'site', operator: 'wendy'})).toThrow(SessionLockedError);
		} finally {
			opened.store.close();
		}
	});
});

describe('a lock held by another live process survives a clock jump', () => {
	for (const jumpMinutes of [30, -30]) {
		it(`the wall clock moved ${jumpMinutes} minutes (NTP fix, w32tm, Hyper-V time sync): still refused`, async () => {
			const stateDir = tempDir();
			const lockFile = sessionPaths(stateDir, 'site').lock;
			const holder = await holderProcess(lockFile);
			try {
				const now = Date.now();
				vi.spyOn(Date, 'now').mockReturnValue(now + (jumpMinutes * 60_000));
				expect(() => acquireLock(lockFile, 'site')).toThrow(`session "site" is in use by process ${holder.pid}`);
			} finally {
				holder.stop();
			}
		});
	}

	it('a lock from before a reboot (the uptime is lower now than when it was taken) is stale, with no /proc to ask', async () => {
		const stateDir = tempDir();
		const other = await unrelatedProcess();
		try {
			asWindows();
			writeLock(stateDir, {pid: other.pid, nonce: 'x', uptime: os.uptime() + 86_400});
			openSession({loaded, stateDir, name: 'site', operator: 'wendy'})!.store.close();
		} finally {
			other.stop();
		}
	});
});

describe('a lock naming a live, unrelated PID', () => {
	it.skipIf(realPlatform !== 'linux')('is stale on Linux: the process start time (or command line) is not azs-runbook\'s', async () => {
		const other = await unrelatedProcess();
		try {
			for (const owner of [{nonce: 'a', startTicks: '1'}, {nonce: 'b'}]) {
				const stateDir = tempDir();
				writeLock(stateDir, {pid: other.pid, ...owner});
				const opened = openSession({loaded, stateDir, name: 'site', operator: 'wendy'})!;
				opened.store.close();
			}
		} finally {
			other.stop();
		}
	});

	it('where the platform cannot say whose the PID is (Windows), it is refused without advising "kill"', async () => {
		const stateDir = tempDir();
		const other = await unrelatedProcess();
		try {
			asWindows();
			writeLock(stateDir, {pid: other.pid, nonce: 'a'});
			let error: unknown;
			try {
				openSession({loaded, stateDir, name: 'site', operator: 'wendy'});
			} catch (caught) {
				error = caught;
			}

			expect(error).toBeInstanceOf(SessionLockedError);
			expect((error as Error).message).toMatch(/could not be confirmed to be azs-runbook/);
			expect((error as Error).message).toMatch(/If none is running, the lock is stale: remove .*session-site\.lock/);
			expect((error as Error).message).not.toMatch(/kill/);
		} finally {
			other.stop();
		}
	});

	it.skipIf(realPlatform !== 'linux')('a live azs-runbook holder is confirmed by its start time, and only then is "kill N" advised', async () => {
		const stateDir = tempDir();
		const lockFile = sessionPaths(stateDir, 'site').lock;
		const holder = await holderProcess(lockFile);
		try {
			expect(processStartTicks(holder.pid)).toMatch(/^\d+$/);
			expect(() => acquireLock(lockFile, 'site')).toThrow(`(or, if it hangs, stop it: kill ${holder.pid})`);
		} finally {
			holder.stop();
		}
	});
});
