import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** Builds the bundle (dist/azs-runbook.mjs) when its sources changed, so tests that spawn the real CLI never run stale code. */
export default function setup(): void {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs'), '--if-stale'], {cwd: root, stdio: 'inherit'});
}
