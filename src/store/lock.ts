import {randomBytes} from 'node:crypto';
import {closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs';
import os from 'node:os';
import {SessionLockedError, StateError} from './errors.js';
import {lstatOrUndefined, readStoreFile} from './store-files.js';

/**
What a lock file records about its holder. `nonce` is new for every lock taken, so a lock naming
this process's own PID but not one of its nonces was left by an earlier process that had the same
PID (Windows reuses PIDs quickly). `uptime` (seconds since boot, a monotonic clock) and `bootId`
(Linux) tell a lock from before the last boot without the wall clock, which NTP fixes, w32tm or
Hyper-V time sync may move by minutes. `startTicks` (Linux) is the holder's start time in
/proc/PID/stat: a live PID with another start time is a different process.
*/
type LockOwner = {pid: number; host: string; since: string; nonce?: string; uptime?: number; bootId?: string; startTicks?: string};

/** Nonces of the locks this process holds now. */
const heldNonces = new Set<string>();

function readProcFile(file: string): string | undefined {
	if (process.platform !== 'linux') {
		return undefined;
	}

	try {
		return readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}

function currentBootId(): string | undefined {
	return readProcFile('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

/** A process's start time in clock ticks since boot (field 22 of /proc/PID/stat), Linux only. */
export function processStartTicks(pid: number): string | undefined {
	const stat = readProcFile(`/proc/${pid}/stat`);
	// The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
	const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
	return fields?.[19];
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Whether the holder named in a lock still holds it: stale, live (and confirmed to be us), or live but unconfirmable. */
export function judgeOwner(owner: LockOwner): 'stale' | 'live' | 'unconfirmed' {
	if (owner.pid === process.pid) {
		// Only a lock this very process took is ours; any other with our PID is a predecessor's.
		return owner.nonce !== undefined && heldNonces.has(owner.nonce) ? 'live' : 'stale';
	}

	const bootId = currentBootId();
	if (owner.bootId !== undefined && bootId !== undefined && owner.bootId !== bootId) {
		return 'stale';
	}

	if (owner.uptime !== undefined && os.uptime() + 1 < owner.uptime) {
		// The uptime only grows until the machine restarts: less now means a reboot since.
		return 'stale';
	}

	if (!isAlive(owner.pid)) {
		return 'stale';
	}

	const startTicks = processStartTicks(owner.pid);
	if (startTicks !== undefined) {
		if (owner.startTicks !== undefined) {
			return startTicks === owner.startTicks ? 'live' : 'stale';
		}

		// A lock from a version that did not record the start time: look at the command line.
		const commandLine = readProcFile(`/proc/${owner.pid}/cmdline`) ?? '';
		return /azs-runbook|[\\/]dist[\\/]cli\.js/.test(commandLine) ? 'live' : 'stale';
	}

	// Windows and others: the PID is alive, but nothing cheap says whose it is.
	return 'unconfirmed';
}

function readOwner(file: string): LockOwner | undefined {
	try {
		const owner = JSON.parse(readStoreFile(file, 'lock') ?? '') as Partial<LockOwner>;
		if (typeof owner.pid !== 'number') {
			return undefined;
		}

		const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
		return {
			pid: owner.pid,
			host: text(owner.host) ?? 'unknown host',
			since: text(owner.since) ?? '',
			...(text(owner.nonce) ? {nonce: owner.nonce} : {}),
			...(typeof owner.uptime === 'number' ? {uptime: owner.uptime} : {}),
			...(text(owner.bootId) ? {bootId: owner.bootId} : {}),
			...(text(owner.startTicks) ? {startTicks: owner.startTicks} : {}),
		};
	} catch (error) {
		if (error instanceof StateError && /symbolic link|directory|not a regular file/.test(error.message)) {
			throw error;
		}

		return undefined;
	}
}

function ownRecord(nonce: string): LockOwner {
	const bootId = currentBootId();
	const startTicks = processStartTicks(process.pid);
	return {
		pid: process.pid,
		host: os.hostname(),
		since: new Date().toISOString(),
		nonce,
		uptime: os.uptime(),
		...(bootId ? {bootId} : {}),
		...(startTicks ? {startTicks} : {}),
	};
}

/**
Takes the session's lock file (O_EXCL create). A lock whose process is dead is recovered; a live
one refuses with the holder's PID. Returns the release function.
*/
export function acquireLock(file: string, session: string): () => void {
	for (let attempt = 0; attempt < 40; attempt++) {
		try {
			const nonce = randomBytes(8).toString('hex');
			// O_EXCL create never follows a link: a symlink at the lock's name fails with EEXIST.
			const fd = openSync(file, 'wx', 0o600);
			writeSync(fd, JSON.stringify(ownRecord(nonce)));
			closeSync(fd);
			heldNonces.add(nonce);
			let released = false;
			const release = () => {
				if (released) {
					return;
				}

				released = true;
				process.removeListener('exit', release);
				heldNonces.delete(nonce);
				if (readOwnerQuietly(file)?.nonce === nonce) {
					try {
						unlinkSync(file);
					} catch {
						// Already gone: nothing to release.
					}
				}
			};

			process.on('exit', release);
			return release;
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'EEXIST') {
				throw new StateError(`cannot create the lock file ${file} (${code ?? String(error)})`);
			}
		}

		const lockStats = lstatOrUndefined(file);
		if (lockStats?.isSymbolicLink()) {
			throw new StateError(`the lock ${file} is a symbolic link; azs-runbook never follows links for its own files. Move it away if no azs-runbook uses this session`);
		}

		const owner = readOwner(file);
		const judged = owner && owner.host === os.hostname() ? judgeOwner(owner) : 'stale';
		if (owner && owner.host === os.hostname() && judged !== 'stale') {
			throw new SessionLockedError(session, owner.pid, owner.host, judged === 'live', file);
		}

		if (owner && owner.host !== os.hostname()) {
			throw new StateError(`session "${session}" is locked by process ${owner.pid} on another host (${owner.host}); remove ${file} only if that host no longer uses it`);
		}

		if (!owner && isFresh(file)) {
			// Another process created the lock an instant ago and has not written its PID yet.
			sleepSync(25);
			continue;
		}

		// Dead holder, or a lock file left empty by a process killed while creating it: recover it.
		recoverStaleLock(file, owner?.nonce);
	}

	throw new StateError(`could not take the lock ${file} after several attempts`);
}

/**
Moves a stale lock out of the way without ever deleting a lock someone else just took: the file is
renamed to a name only we use, then checked; if it turns out to be a new, live owner's lock (taken
between our read and the rename), it is linked back, which fails harmlessly if yet another process
holds the name by now.
*/
function recoverStaleLock(file: string, staleNonce: string | undefined): void {
	const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
	try {
		renameSync(file, aside);
	} catch {
		return; // Someone else recovered it first: try again.
	}

	const moved = readOwnerQuietly(aside);
	if (moved && moved.nonce !== staleNonce && judgeOwner(moved) !== 'stale') {
		try {
			linkSync(aside, file);
		} catch {
			// The name is taken again; the next attempt reads whoever holds it.
		}
	}

	try {
		unlinkSync(aside);
	} catch {
		// Already gone.
	}
}

function readOwnerQuietly(file: string): LockOwner | undefined {
	try {
		return readOwner(file);
	} catch {
		return undefined;
	}
}

function isFresh(file: string): boolean {
	try {
		return Date.now() - statSync(file).mtimeMs < 500;
	} catch {
		return false;
	}
}

function sleepSync(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
