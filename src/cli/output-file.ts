import {closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync, readdirSync, realpathSync, statSync, type Stats} from 'node:fs';
import path from 'node:path';
import {writeAll} from '../store/durable-write.js';
import {sessionNameOf} from '../store/session-paths.js';
import {noFollow} from '../store/store-files.js';
import {UsageError} from './args.js';

/** A session's own files by name: state, journal, lock (any session's, in the state directory). */
function isSessionFileName(name: string): boolean {
	return sessionNameOf(name) !== undefined || /^session-.+\.(journal\.jsonl|lock)$/.test(name);
}

function statOrUndefined(file: string, follow: boolean): Stats | undefined {
	try {
		return follow ? statSync(file) : lstatSync(file);
	} catch {
		return undefined;
	}
}

/** The path with its directory resolved through links, compared case-insensitively on Windows (NTFS). */
function canonical(file: string): string {
	const resolved = path.resolve(file);
	let dir = path.dirname(resolved);
	try {
		dir = realpathSync(dir);
	} catch {
		// A directory that does not exist cannot hold a session file; the write will say so.
	}

	const joined = path.join(dir, path.basename(resolved));
	return process.platform === 'win32' ? joined.toLowerCase() : joined;
}

/**
Refuses an output path that would overwrite the session's records: a symbolic link (whose target
could be anything, the state included), or a path that is, by name or by file identity (a hard link,
another spelling), one of the state directory's session files.
*/
export function checkOutputPath(file: string, stateDir: string, flag: string): void {
	const own = statOrUndefined(file, false);
	if (own?.isSymbolicLink()) {
		throw new UsageError(`${flag} ${file} is a symbolic link; azs-runbook does not write through links (give the real path)`);
	}

	const target = canonical(file);
	const stateDirCanonical = canonical(path.join(stateDir, 'x'));
	if (path.dirname(target) === path.dirname(stateDirCanonical) && isSessionFileName(path.basename(target))) {
		throw new UsageError(`${flag} ${file} is a session file of ${stateDir} (state, journal or lock); write the output somewhere else`);
	}

	if (own) {
		let names: string[] = [];
		try {
			names = readdirSync(stateDir).filter(name => isSessionFileName(name));
		} catch {
			// No state directory: no session file to protect.
		}

		for (const name of names) {
			const sessionFile = statOrUndefined(path.join(stateDir, name), false);
			if (sessionFile && sessionFile.ino === own.ino && sessionFile.dev === own.dev && own.ino !== 0) {
				throw new UsageError(`${flag} ${file} is the same file as ${path.join(stateDir, name)} (a link to a session file); write the output somewhere else`);
			}
		}
	}
}

/**
Writes an output file (report, hand-over, answer file) privately (0600: it holds addresses) after
checkOutputPath, never through a link (O_NOFOLLOW where the platform has it).
*/
export function writeOutputFile(file: string, text: string, stateDir: string, flag: string): void {
	checkOutputPath(file, stateDir, flag);
	let fd: number;
	try {
		fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | noFollow, 0o600);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'error';
		throw new UsageError(code === 'ELOOP' ? `${flag} ${file} is a symbolic link; azs-runbook does not write through links (give the real path)` : `${flag} ${file}: cannot write it (${code})`);
	}

	try {
		if (!fstatSync(fd).isFile()) {
			throw new UsageError(`${flag} ${file} is not a regular file`);
		}

		// The mode applies only to a new file: an existing one is made private too.
		fchmodSync(fd, 0o600);
		writeAll(fd, Buffer.from(text, 'utf8'));
	} catch (error) {
		throw error instanceof UsageError ? error : new UsageError(`${flag} ${file}: cannot write it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
	} finally {
		closeSync(fd);
	}
}
