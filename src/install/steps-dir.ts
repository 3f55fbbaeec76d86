import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/*
Where the shipped step files are. The same code runs from four places: src/ (tests, tsx), dist/
(tsc output), dist/azs-runbook.mjs (the bundle, steps/ one level up) and a portable kit (the
bundle, steps/ and node.exe side by side). The first candidate holding the embedded runbook wins.
*/
const marker = 'azure-stack-hub.yaml';

let found: string | undefined;

/** The directory holding the embedded runbook and `scenarios/`. */
export function stepsDir(): string {
	found ??= locateStepsDir(path.dirname(fileURLToPath(import.meta.url)), path.dirname(process.execPath));
	return found;
}

/** The embedded Azure Stack Hub runbook, shipped in `steps/` (found beside the code or the executable). */
export function embeddedRunbookPath(): string {
	return path.join(stepsDir(), marker);
}

/** The first of `codeDir`/steps, its parent's and grandparent's, then `executableDir`/steps that holds the runbook. */
export function locateStepsDir(codeDir: string, executableDir: string): string {
	const candidates = [
		path.join(codeDir, 'steps'),
		path.join(codeDir, '..', 'steps'),
		path.join(codeDir, '..', '..', 'steps'),
		path.join(executableDir, 'steps'),
	].map(candidate => path.resolve(candidate));
	// None found: the conventional place for a bundle, so the "cannot read" error names a sensible path.
	return candidates.find(candidate => existsSync(path.join(candidate, marker))) ?? candidates[1]!;
}
