import {statSync} from 'node:fs';
import {expect} from 'vitest';

/**
Why file-mode assertions are skipped here, or undefined where they apply: on Windows, chmod only
toggles the read-only bit; 0600/0700 protect nothing, the directory's NTFS permissions do.
*/
export const modesSkipped = process.platform === 'win32' ? 'file modes (0600/0700) do nothing on Windows: NTFS permissions come from the directory (README, Offline / Windows)' : undefined;

/** Asserts a file's permission bits, except where modes mean nothing (see modesSkipped). */
export function expectMode(file: string, mode: number): void {
	if (modesSkipped) {
		return;
	}

	expect(statSync(file).mode & 0o777, `mode of ${file}`).toBe(mode);
}
