import type {ChildProcess} from 'node:child_process';

/** Collects a spawned child's stdout and stderr as text, and its exit code once it closes. */
export function childOutput(child: ChildProcess): {stdout: () => string; stderr: () => string; closed: Promise<number | null>} {
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const closed = new Promise<number | null>(resolve => child.on('close', resolve));
	return {stdout: () => stdout, stderr: () => stderr, closed};
}
