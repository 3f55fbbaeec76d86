import {createHash} from 'node:crypto';
import {closeSync, constants, fstatSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync} from 'node:fs';
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
serves a first start, until the state directory has one of its own; it is as trusted as the bundle
beside it, whoever owns the folder.
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

/**
The cached code for `key`, or undefined when there is none, it is not ours, or it cannot be read.
`anyOwner`: a kit's cache, read whoever owns it (the bundle beside it runs whoever owns that).
*/
export function readCodeCache(file: string, key: string, {anyOwner = false} = {}): Buffer | undefined {
	let fd: number | undefined;
	try {
		// Non-blocking: a FIFO planted as the cache would otherwise hang the start until a writer came.
		fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
		const stats = fstatSync(fd);
		const uid = anyOwner ? undefined : process.getuid?.();
		if (!stats.isFile() || stats.size > maxCacheBytes || (uid !== undefined && stats.uid !== uid)) {
			return undefined;
		}

		// "<magic> <key> <SHA-256 of the code>\n", then the code: the header first, so that another
		// build's cache (a kit's beside a stale one of the state directory) costs no more than that.
		const prefix = `${magic} ${key} `;
		const headerLength = prefix.length + 64 + 1;
		const data = Buffer.alloc(stats.size);
		const fill = (from: number, to: number) => {
			let length = from;
			while (length < to) {
				const read = readSync(fd!, data, length, to - length, null);
				if (read === 0) {
					break;
				}

				length += read;
			}

			return length;
		};

		if (fill(0, Math.min(headerLength, data.length)) < headerLength || data.toString('latin1', 0, prefix.length) !== prefix || data[headerLength - 1] !== 0x0a) {
			return undefined;
		}

		const length = fill(headerLength, data.length);
		if (length <= headerLength) {
			return undefined;
		}

		const code = data.subarray(headerLength, length);
		return createHash('sha256').update(code).digest('hex') === data.toString('latin1', prefix.length, headerLength - 1) ? code : undefined;
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
