import {randomBytes} from 'node:crypto';
import {closeSync, fstatSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync} from 'node:fs';
import path from 'node:path';

/** The suffix of a save in progress: `session-x.json.tmp-<pid>-<random>`. */
const tempMarker = '.tmp-';

/** An I/O failure with its errno code, so callers can name ENOSPC, EROFS, EIO. */
function ioError(message: string, code: string): NodeJS.ErrnoException {
	return Object.assign(new Error(message), {code});
}

/** Writes every byte of `data` to `fd`, looping over short writes; a write that makes no progress is a full disk. */
export function writeAll(fd: number, data: Buffer, position?: number): void {
	let offset = 0;
	while (offset < data.length) {
		const written = writeSync(fd, data, offset, data.length - offset, position === undefined ? null : position + offset);
		if (written <= 0) {
			throw ioError(`short write: ${offset} of ${data.length} bytes`, 'ENOSPC');
		}

		offset += written;
	}
}

/**
Flushes a directory entry (a rename) to disk. POSIX needs it for the rename to survive a power
cut; Windows cannot open a directory for this (NTFS journals the rename itself), so it is skipped.
Best effort: it runs after the rename, which has happened whatever it says — failing the save here
would make the caller take back a journal entry the state on disk already includes.
*/
export function fsyncDirectory(dir: string): void {
	if (process.platform === 'win32') {
		return;
	}

	let fd: number | undefined;
	try {
		fd = openSync(dir, 'r');
		fsyncSync(fd);
	} catch {
		// Some file systems (network shares) refuse fsync on a directory.
	} finally {
		if (fd !== undefined) {
			closeSync(fd);
		}
	}
}

/**
Replaces `file` with `data` so that any failure leaves the previous content byte for byte:
a new temporary file beside it (O_EXCL, never through a symlink), every byte written, fsync, the
size checked, then one rename, then the directory flushed. The temporary file is removed on failure.
Conf's writer (the `atomically` package) ignores short writes, so on a full disk it renamed a cut
file over a good one; that is why the session state is written here.
*/
export function writeFileDurably(file: string, data: string | Buffer, mode = 0o600): void {
	const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
	const temp = `${file}${tempMarker}${process.pid}-${randomBytes(4).toString('hex')}`;
	let fd: number | undefined = openSync(temp, 'wx', mode);
	try {
		writeAll(fd, bytes);
		fsyncSync(fd);
		const size = fstatSync(fd).size;
		if (size !== bytes.length) {
			throw ioError(`the file holds ${size} of ${bytes.length} bytes after writing`, 'EIO');
		}

		closeSync(fd);
		fd = undefined;
		renameSync(temp, file);
	} catch (error) {
		if (fd !== undefined) {
			try {
				closeSync(fd);
			} catch {
				// Closing can fail on the same full disk; the unlink below still frees the space.
			}
		}

		try {
			unlinkSync(temp);
		} catch {
			// Never created or already gone.
		}

		throw error;
	}

	fsyncDirectory(path.dirname(file));
}

/**
Removes temporary files that a process killed mid-save left beside `file` (ours: `.tmp-<pid>-<hex>`;
conf's older writer: `.tmp-<digits>`). Only call it while holding the session's lock. Returns how many.
*/
export function removeOrphanedTemps(file: string): number {
	const dir = path.dirname(file);
	const prefix = `${path.basename(file)}${tempMarker}`;
	let removed = 0;
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return 0;
	}

	for (const name of names) {
		if (name.startsWith(prefix) && /^[\w-]+$/.test(name.slice(prefix.length))) {
			try {
				unlinkSync(path.join(dir, name));
				removed++;
			} catch {
				// Gone already, or not ours to remove: leave it.
			}
		}
	}

	return removed;
}
