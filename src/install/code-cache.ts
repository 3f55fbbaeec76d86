import {createHash} from 'node:crypto';
import {closeSync, constants, fstatSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, type Stats, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
The program's V8 code cache: the bytecode of every function compiled up to the interactive
screen's first frame, so the next start skips compiling them (scripts/bundle.mjs,
src/install/program-entry.ts). One file per Node version and architecture, in the state directory's
cache/v8; nothing in it is session data.

A cache is compiled code, so it is used only when it was made here, for exactly this program: its
first line names a SHA-256 of the program, the Node and V8 versions, the architecture, the host and
the user, and a SHA-256 of the compiled code after it. V8 itself checks only its own version, its
flags and the source's length, not its data (release builds skip that checksum): a cache damaged
behind its header crashed node (a fatal error or a segmentation fault) on every start until it was
deleted. A cache from another machine (a state directory handed over), another build or damaged is
ignored and replaced; on POSIX one owned by another user is never read.

A portable kit may also ship one beside its bundle, made when the kit was built by the kit's own
Node (scripts/kit.mjs): its key names no host or user, since it is made once for every machine. It
serves a first start, until the state directory has one of its own. It is used only when it is no
easier to write than the bundle beside it (the same owner, no write bit the bundle lacks): whoever
could plant it could as well replace the bundle. A file another user left beside a bundle copied
into a shared folder is not. Never on Windows, whose kit ships none and where modes say nothing.
*/

const magic = 'azs-runbook code cache 2';
/** Far above a real cache (~1.5 MB): a larger file is not one of ours. */
const maxCacheBytes = 64 * 1024 * 1024;

/** The cache file for a runtime (this process's unless named: the benchmark's other Node). */
export function codeCacheFile(stateDir: string, runtime: {version: string; arch: string} = process): string {
	return path.join(stateDir, 'cache', 'v8', `program-${runtime.version}-${runtime.arch}.bin`);
}

function userName(): string {
	try {
		return os.userInfo().username;
	} catch {
		return String(process.getuid?.() ?? '');
	}
}

/** The cache a kit ships beside its bundle, for the kit's Node (`runtime`, this process's unless named). */
export function kitCodeCacheFile(bundleFile: string, runtime: {version: string; arch: string} = process): string {
	return path.join(path.dirname(bundleFile), `azs-runbook-${runtime.version}-${runtime.arch}.v8cache`);
}

/** The program's bytes as stored, hashed once for both keys. */
export function programDigest(program: Uint8Array): string {
	return createHash('sha256').update(program).digest('hex');
}

const keyFor = (parts: readonly string[], digest: string) => createHash('sha256').update([magic, process.version, process.versions.v8, process.arch, ...parts, digest].join('\0')).digest('hex');

/** What a cache must have been made for: this program (programDigest), on this runtime, host and user. */
export function codeCacheKey(digest: string): string {
	return keyFor([os.hostname(), userName()], digest);
}

/** What a kit's cache must have been made for: this program on this runtime, on any host. */
export function kitCodeCacheKey(digest: string): string {
	return keyFor(['portable kit'], digest);
}

/** Who wrote a cache file, as far as the file says: decides whether it may be run. */
export type CacheWriterCheck = (stats: Stats) => boolean;

/** The state directory's: written by this user (POSIX; Windows has no uid to compare). */
export const writtenByThisUser: CacheWriterCheck = stats => {
	const uid = process.getuid?.();
	return uid === undefined || stats.uid === uid;
};

/** A kit's: no easier to write than the bundle beside it (`bundle`: its stats). */
export function writableAsTheBundle(bundle: Pick<Stats, 'uid' | 'mode'>): CacheWriterCheck {
	return stats => stats.uid === bundle.uid && (stats.mode & ~bundle.mode & 0o022) === 0;
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
function readAt(fd: number, buffer: Buffer, position: number): number {
	let length = 0;
	while (length < buffer.length) {
		const read = readSync(fd, buffer, length, buffer.length - length, position + length);
		if (read === 0) {
			break;
		}

		length += read;
	}

	return length;
}

/**
The cached code for `key`, or undefined when there is none, it is not ours (`writer`), or it
cannot be read.
*/
export function readCodeCache(file: string, key: string, writer: CacheWriterCheck = writtenByThisUser): Buffer | undefined {
	let fd: number | undefined;
	try {
		// Non-blocking: a FIFO planted as the cache would otherwise hang the start until a writer came.
		fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
		const stats = fstatSync(fd);
		if (!stats.isFile() || stats.size > maxCacheBytes || !writer(stats)) {
			return undefined;
		}

		// "<magic> <key> <SHA-256 of the code>\n", then the code: the header first, so that another
		// build's cache (a kit's beside a stale one of the state directory) costs no more than that.
		const prefix = `${magic} ${key} `;
		const header = Buffer.allocUnsafe(prefix.length + 64 + 1);
		if (stats.size <= header.length || readAt(fd, header, 0) < header.length || header.toString('latin1', 0, prefix.length) !== prefix || header.at(-1) !== 0x0a) {
			return undefined;
		}

		const code = Buffer.allocUnsafe(stats.size - header.length);
		const length = readAt(fd, code, header.length);
		const read = code.subarray(0, length);
		return length > 0 && createHash('sha256').update(read).digest('hex') === header.toString('latin1', prefix.length, header.length - 1) ? read : undefined;
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) {
			closeSync(fd);
		}
	}
}

/**
Writes the cache whole or not at all (a temporary file, synced, renamed over it), owner-only,
creating the directories owner-only as the state directory is. False when it could not (a
read-only or full disk): the program runs the same without it.
*/
export function writeCodeCache(file: string, key: string, data: Buffer): boolean {
	const temporary = `${file}.${process.pid}.tmp`;
	let fd: number | undefined;
	try {
		mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
		const header = Buffer.from(`${magic} ${key} ${createHash('sha256').update(data).digest('hex')}\n`, 'latin1');
		fd = openSync(temporary, 'w', 0o600);
		writeFileSync(fd, Buffer.concat([header, data]));
		fsyncSync(fd);
		closeSync(fd);
		fd = undefined;
		renameSync(temporary, file);
		return true;
	} catch {
		try {
			if (fd !== undefined) {
				closeSync(fd);
			}

			rmSync(temporary, {force: true});
		} catch {
			// Nothing more to undo.
		}

		return false;
	}
}

/** Where a start's first frame writes a cache, and what that cache must have been made for. */
export type CacheTarget = {file: string; key: string};

/**
The code a start compiles with and where its first frame writes one (none when `target` is
undefined): the state directory's cache, else the kit's beside the bundle (a first start);
written, when neither was usable, to the state directory (`stateDir`, undefined where there is
none). While a kit is built (`kitBuild`) the start compiles afresh and writes the kit's.
*/
export function findCodeCache(bundle: {file: string; stored: Uint8Array; stats: Pick<Stats, 'uid' | 'mode'>}, stateDir: string | undefined, kitBuild = false): {data?: Buffer; from?: 'state directory' | 'kit'; target?: CacheTarget} {
	const digest = programDigest(bundle.stored);
	const kit = {file: kitCodeCacheFile(bundle.file), key: kitCodeCacheKey(digest)};
	if (kitBuild) {
		return {target: kit};
	}

	const own = stateDir === undefined ? undefined : {file: codeCacheFile(stateDir), key: codeCacheKey(digest)};
	const mine = own && readCodeCache(own.file, own.key);
	if (mine) {
		return {data: mine, from: 'state directory', target: own};
	}

	const shipped = process.platform === 'win32' ? undefined : readCodeCache(kit.file, kit.key, writableAsTheBundle(bundle.stats));
	return shipped ? {data: shipped, from: 'kit', target: own} : {target: own};
}
