import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach} from 'vitest';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The shipped program: the single-file bundle that npm start, the bin entry and the kits run. */
export const cliPath = path.join(repoRoot, 'dist', 'azs-runbook.mjs');
export const miniRunbook = path.join(repoRoot, 'test', 'fixtures', 'runbooks', 'mini.yaml');

const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) {
		rmSync(dir, {recursive: true, force: true});
	}
});

/** A temporary directory removed after the test. */
export function tempDir(prefix = 'azs-test-'): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
	made.push(dir);
	return dir;
}
