import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs';

/*
The one way the tool reads a file someone handed it (a runbook, an endpoint list, an answer file,
a CA file, a scenario, a results file). Such a path may name /dev/zero (which never ends), a FIFO
(which blocks until a writer appears, deaf to Ctrl+C because reads are synchronous) or a directory.
So: open without blocking, check with fstat that it is a regular file, refuse it above a size
cap, and read at most cap + 1 bytes even if it grows while we read.
*/

/** Generous for real files, small enough that a mistake cannot exhaust memory. */
export const inputFileLimits = {
	runbook: 8 * 1024 * 1024,
	answers: 1024 * 1024,
	ca: 1024 * 1024,
	scenario: 1024 * 1024,
	results: 64 * 1024 * 1024,
} as const;

/** Why a file was not read: the message says what to do; `code` is the errno or our own reason. */
export class InputFileError extends Error {
	override name = 'InputFileError';
	constructor(
		message: string,
		readonly code: string,
	) {
		super(message);
	}
}

function megabytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function kindOf(stats: ReturnType<typeof fstatSync>): string {
	return stats.isDirectory() ? 'a directory' : stats.isFIFO() ? 'a pipe (FIFO)' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : stats.isSocket() ? 'a socket' : 'not a regular file';
}

/**
Reads a regular file of at most `maxBytes`. Throws InputFileError (never blocks, never reads more
than maxBytes + 1 bytes): "cannot read it (ENOENT)", "is a directory, not a file", "is larger than
8 MB". `what` names the file for the message ("the runbook", "--ca file").
*/
export function readInputFile(file: string, maxBytes: number, what = 'the file'): Buffer {
	let fd: number;
	try {
		// O_NONBLOCK: opening a FIFO with no writer returns at once (fstat then refuses it). Windows has no such flag, nor FIFOs to open.
		fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'error';
		throw new InputFileError(code === 'EISDIR' ? `${what} is a directory, not a file` : `cannot read ${what} (${code})`, code);
	}

	try {
		const stats = fstatSync(fd);
		if (!stats.isFile()) {
			throw new InputFileError(`${what} is ${kindOf(stats)}, not a regular file: give the path of a file`, 'ENOTREG');
		}

		if (stats.size > maxBytes) {
			throw new InputFileError(`${what} is ${megabytes(stats.size)}, larger than the ${megabytes(maxBytes)} allowed: is it the right file?`, 'EFBIG');
		}

		// stats.size + 1 so that the end shows as a zero read; grown (up to the cap + 1) if the file grows.
		let buffer = Buffer.alloc(Math.min(maxBytes + 1, stats.size + 1));
		let length = 0;
		for (;;) {
			if (length === buffer.length) {
				if (length > maxBytes) {
					throw new InputFileError(`${what} is larger than the ${megabytes(maxBytes)} allowed: is it the right file?`, 'EFBIG');
				}

				const bigger = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
				buffer.copy(bigger);
				buffer = bigger;
			}

			const read = readSync(fd, buffer, length, buffer.length - length, null);
			if (read === 0) {
				break;
			}

			length += read;
		}

		return buffer.subarray(0, length);
	} catch (error) {
		if (error instanceof InputFileError) {
			throw error;
		}

		const code = (error as NodeJS.ErrnoException).code ?? 'error';
		throw new InputFileError(`cannot read ${what} (${code})`, code);
	} finally {
		closeSync(fd);
	}
}

/** readInputFile as UTF-8 text. */
export function readInputText(file: string, maxBytes: number, what?: string): string {
	return readInputFile(file, maxBytes, what).toString('utf8');
}
