import {execFileSync} from 'node:child_process';
import {mkdirSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {execa} from 'execa';
import {describe, expect, it} from 'vitest';
import {InputFileError, readInputText} from '../../src/files/read-input-file.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

/*
Every file the tool is handed is read through one capped reader: a regular file only, refused above
its size cap. /dev/zero once grew the process to 16.8 GB; a FIFO blocked forever and ignored Ctrl+C.
Each CLI run below has a hard timeout: a blocked read fails the test instead of hanging it.
*/
function hostileFiles(dir: string) {
	// Named .yaml so that no command refuses them by their name first.
	const zero = path.join(dir, 'zero.yaml');
	symlinkSync('/dev/zero', zero);
	const fifo = path.join(dir, 'fifo.yaml');
	execFileSync('mkfifo', [fifo]);
	const directory = path.join(dir, 'a-directory.yaml');
	mkdirSync(directory);
	const huge = path.join(dir, 'huge.yaml');
	writeFileSync(huge, '');
	// Sparse: 100 MB on paper, nothing on disk.
	truncateSync(huge, 100 * 1024 * 1024);
	return {'/dev/zero': zero, 'a FIFO': fifo, 'a directory': directory, 'a 100 MB file': huge};
}

const expected: Record<string, RegExp> = {
	'/dev/zero': /is a device, not a regular file/,
	'a FIFO': /is a pipe \(FIFO\), not a regular file/,
	'a directory': /is a directory/,
	'a 100 MB file': /is 100 MB, larger than the \d+ MB allowed/,
};

describe('the shared reader', () => {
	it('reads a regular file, and refuses the others with what it found', () => {
		const dir = tempDir();
		const files = hostileFiles(dir);
		const ok = path.join(dir, 'ok.txt');
		writeFileSync(ok, 'hello');
		expect(readInputText(ok, 10)).toBe('hello');
		expect(() => readInputText(ok, 4)).toThrow(/larger than/);
		for (const [name, file] of Object.entries(files)) {
			expect(() => readInputText(file, 8 * 1024 * 1024), name).toThrow(expected[name]);
		}

		expect(() => readInputText(path.join(dir, 'missing'), 10)).toThrow(InputFileError);
		expect(() => readInputText(path.join(dir, 'missing'), 10)).toThrow('cannot read the file (ENOENT)');
	});
});

describe('every file the CLI reads is capped and must be a regular file', () => {
	const sources: Array<[string, (file: string, stateDir: string) => string[]]> = [
		['--runbook', (file, stateDir) => ['--runbook', file, '--state-dir', stateDir, 'status']],
		['validate FILE', (file, stateDir) => ['--state-dir', stateDir, 'validate', file]],
		['--ca', (file, stateDir) => ['--runbook', miniRunbook, '--state-dir', stateDir, 'run', '--step', 'port-open', '--ca', file]],
		['inputs import', (file, stateDir) => ['--runbook', miniRunbook, '--state-dir', stateDir, 'inputs', 'import', `${file}`]],
		['train start (scenario file)', (file, stateDir) => ['--state-dir', stateDir, 'train', 'start', file, '--trainee', 'tim']],
	];

	it.each(sources)('%s', async (_name, argsFor) => {
		const dir = tempDir();
		const files = hostileFiles(dir);
		for (const [kind, file] of Object.entries(files)) {
			const result = await execa(process.execPath, [cliPath, ...argsFor(file, path.join(dir, 'state'))], {reject: false, timeout: 60_000, env: {NO_COLOR: '1'}, stdin: 'ignore'});
			expect(result.timedOut, kind).toBe(false);
			expect([2, 3], `${kind}: exit ${result.exitCode}: ${result.stderr}`).toContain(result.exitCode);
			expect(result.stderr, kind).toMatch(expected[kind]!);
		}
	}, 300_000);
});
