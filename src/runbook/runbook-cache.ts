import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {inputFileLimits, readInputFile} from '../files/read-input-file.js';
import type {LoadedRunbook} from './load-runbook.js';

/**
A validated runbook kept as JSON beside the sessions, so start-up skips parsing and validating
~1,700 lines of YAML (about 80 ms of the first frame). An entry is used only when the program
version and the content of every file it was built from are unchanged; anything else rebuilds it.
*/
type CacheEntry = {version: string; files: Array<{file: string; sha256: string}>; loaded: LoadedRunbook};

/** SHA-256 of a runbook source file (read capped like any runbook), or undefined when it cannot be read. */
export function hashFile(file: string): string | undefined {
	try {
		// Capped like every read of a runbook: the cache must not be the way round the limit.
		return createHash('sha256').update(readInputFile(file, inputFileLimits.runbook)).digest('hex');
	} catch {
		return undefined;
	}
}

function entryPath(cacheDir: string, file: string): string {
	return path.join(cacheDir, `runbook-${createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 16)}.json`);
}

/** The cached runbook for `file`, when still valid for this version and these file contents. */
export function readCachedRunbook(cacheDir: string, file: string, version: string): LoadedRunbook | undefined {
	let entry: CacheEntry;
	try {
		entry = JSON.parse(readFileSync(entryPath(cacheDir, file), 'utf8')) as CacheEntry;
	} catch {
		return undefined;
	}

	const fresh = entry.version === version && entry.files.length > 0 && entry.files.every(source => hashFile(source.file) === source.sha256);
	return fresh ? entry.loaded : undefined;
}

/** Stores a freshly validated runbook. Best effort: a cache that cannot be written only costs time. */
export function writeCachedRunbook(cacheDir: string, loaded: LoadedRunbook, sources: string[], version: string): void {
	const target = entryPath(cacheDir, loaded.file);
	const temporary = `${target}.${process.pid}.tmp`;
	try {
		const files = sources.map(file => ({file: path.resolve(file), sha256: hashFile(file) ?? ''}));
		mkdirSync(cacheDir, {recursive: true, mode: 0o700});
		writeFileSync(temporary, JSON.stringify({version, files, loaded} satisfies CacheEntry), {mode: 0o600});
		renameSync(temporary, target);
	} catch {
		// Read-only or full state directory: the next start validates the YAML again. Leave no half file.
		try {
			rmSync(temporary, {force: true});
		} catch {
			// The directory itself is unusable: there is no half file either.
		}
	}
}
