import {closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, type Stats} from 'node:fs';
import {StateError} from './errors.js';

/*
The session's own files (state, journal, lock) are opened without following symbolic links: a link
planted in the state directory must not let a save or an append write through to another file.
O_NOFOLLOW where the platform has it (Linux, macOS); Windows has no such flag, so a lstat check
comes first there (and everywhere, for a clear message).
*/

/** O_NOFOLLOW, or 0 where the platform has none (Windows). */
export const noFollow: number = constants.O_NOFOLLOW ?? 0;

/** What the file at `file` is, without following a link; undefined when nothing is there. */
export function lstatOrUndefined(file: string): Stats | undefined {
	try {
		return lstatSync(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') {
			return undefined;
		}

		throw new StateError(`cannot look at ${file} (${code ?? 'error'})`);
	}
}

/** Refuses a session file that is a link, a directory or anything but a regular file. */
export function requireRegularFile(file: string, what: string, stats: Stats): void {
	if (stats.isSymbolicLink()) {
		throw new StateError(`the ${what} ${file} is a symbolic link; azs-runbook never follows links for its own files. Replace it with the real file (or move it away)`);
	}

	if (stats.isDirectory()) {
		throw new StateError(`the ${what} ${file} is a directory, not a file; move it away (nothing was read or written)`);
	}

	if (!stats.isFile()) {
		throw new StateError(`the ${what} ${file} is not a regular file; move it away (nothing was read or written)`);
	}
}

/** Why a session file could not be opened or read, in words, with the errno code. */
export function describeOpenError(file: string, what: string, error: unknown): StateError {
	const code = (error as NodeJS.ErrnoException).code ?? 'error';
	switch (code) {
		case 'ELOOP': {
			return new StateError(`the ${what} ${file} is a symbolic link; azs-runbook never follows links for its own files. Replace it with the real file (or move it away)`);
		}

		case 'EISDIR': {
			return new StateError(`the ${what} ${file} is a directory, not a file; move it away (nothing was read or written)`);
		}

		case 'EACCES':
		case 'EPERM': {
			return new StateError(`cannot read the ${what} ${file} (${code}): it belongs to another user or its permissions deny it; run as the user who owns the session or fix its permissions`);
		}

		default: {
			return new StateError(`cannot read the ${what} ${file} (${code})`);
		}
	}
}

/**
Reads a session file (state, journal, lock) as text without following links; undefined when it
does not exist. A directory, a link or an unreadable file is a StateError (exit 3), never a crash.
*/
export function readStoreFile(file: string, what: string): string | undefined {
	const stats = lstatOrUndefined(file);
	if (!stats) {
		return undefined;
	}

	requireRegularFile(file, what, stats);
	let fd: number;
	try {
		fd = openSync(file, constants.O_RDONLY | noFollow);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw describeOpenError(file, what, error);
	}

	try {
		// The same file we checked: a swap between lstat and open shows as a different inode.
		const opened = fstatSync(fd);
		if (!opened.isFile() || opened.ino !== stats.ino) {
			throw new StateError(`the ${what} ${file} changed while it was being opened; try again`);
		}

		return readFileSync(fd, 'utf8');
	} catch (error) {
		throw error instanceof StateError ? error : describeOpenError(file, what, error);
	} finally {
		closeSync(fd);
	}
}

/** Opens a session file for writing without following links (created when missing). */
export function openStoreFileForWrite(file: string, what: string, mode = 0o600): number {
	const stats = lstatOrUndefined(file);
	if (stats) {
		requireRegularFile(file, what, stats);
	}

	try {
		// r+ semantics (no O_APPEND): an append handle cannot be truncated on Windows, and the
		// journal's rollback truncates. Writes go at an explicit position instead.
		return openSync(file, constants.O_RDWR | constants.O_CREAT | noFollow, mode);
	} catch (error) {
		throw describeOpenError(file, what, error);
	}
}
