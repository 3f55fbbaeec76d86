import {closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs';
import os from 'node:os';
import {SessionLockedError, StateError} from './errors.js';

type LockOwner = {pid: number; host: string; since: string; boot?: number};

/**
When this machine booted, in minutes since the epoch (from the uptime, so on every platform).
A lock written before the last boot names a PID that may now belong to an unrelated process.
*/
function bootMinute(): number {
	return Math.round(((Date.now() / 1000) - os.uptime()) / 60);
}

function fromThisBoot(owner: LockOwner): boolean {
	return owner.boot === undefined || Math.abs(owner.boot - bootMinute()) <= 2;
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

function readOwner(file: string): LockOwner | undefined {
	try {
		const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
		return typeof owner.pid === 'number' ? {pid: owner.pid, host: owner.host ?? 'unknown host', since: owner.since ?? '', ...(typeof owner.boot === 'number' ? {boot: owner.boot} : {})} : undefined;
	} catch {
		return undefined;
	}
}

/**
Takes the session's lock file (O_EXCL create). A lock whose process is dead is recovered; a live
one refuses with the holder's PID. Returns the release function.
*/
export function acquireLock(file: string, session: string): () => void {
	for (let attempt = 0; attempt < 40; attempt++) {
		try {
			const fd = openSync(file, 'wx', 0o600);
			writeSync(fd, JSON.stringify({pid: process.pid, host: os.hostname(), since: new Date().toISOString(), boot: bootMinute()}));
			closeSync(fd);
			let released = false;
			const release = () => {
				if (released) {
					return;
				}

				released = true;
				process.removeListener('exit', release);
				if (readOwner(file)?.pid === process.pid) {
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

		const owner = readOwner(file);
		if (owner && owner.host === os.hostname() && fromThisBoot(owner) && isAlive(owner.pid)) {
			throw new SessionLockedError(session, owner.pid, owner.host);
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
		recoverStaleLock(file, owner?.pid);
	}

	throw new StateError(`could not take the lock ${file} after several attempts`);
}

/**
Moves a stale lock out of the way without ever deleting a lock someone else just took: the file is
renamed to a name only we use, then checked; if it turns out to be a new, live owner's lock (taken
between our read and the rename), it is linked back, which fails harmlessly if yet another process
holds the name by now.
*/
function recoverStaleLock(file: string, deadPid: number | undefined): void {
	const aside = `${file}.stale-${process.pid}-${Date.now()}`;
	try {
		renameSync(file, aside);
	} catch {
		return; // Someone else recovered it first: try again.
	}

	const moved = readOwner(aside);
	if (moved && moved.pid !== deadPid && isAlive(moved.pid)) {
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
