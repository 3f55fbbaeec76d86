import {spawnSync} from 'node:child_process';
import path from 'node:path';

/** Commands run from the repository root, so `node --import tsx` finds tsx. */
const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Runs a program (argv, no shell) and returns stdout; throws with its stderr when it fails. Bounded in time. */
export function sh(argv: readonly string[], options: {input?: string; timeoutMs?: number} = {}): string {
	const [program, ...args] = argv;
	const result = spawnSync(program!, args, {cwd: repoRoot, input: options.input, encoding: 'utf8', timeout: options.timeoutMs ?? 20_000});
	if (result.error || result.status !== 0) {
		const why = result.error?.message ?? (result.stderr.trim() || `exit ${result.status}`);
		throw new Error(`${argv.join(' ')}: ${why}`);
	}

	return result.stdout;
}

/** Like `sh`, but reports failure as false: for teardown, which must go on past every error. */
export function trySh(argv: readonly string[], options: {input?: string; timeoutMs?: number} = {}): boolean {
	try {
		sh(argv, options);
		return true;
	} catch {
		return false;
	}
}

/** The argv prefix that runs a command inside a lab namespace. */
export function inNs(namespace: string): string[] {
	return ['ip', 'netns', 'exec', namespace];
}

/** Blocks the thread for `ms` (teardown runs in exit and signal handlers, where nothing async runs). */
export function sleepSync(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
