import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {parseSince} from '../../src/reports/parse-since.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

function cli(args: string[], stateDir: string) {
	return spawnSync(process.execPath, [cliPath, '--state-dir', stateDir, ...args], {encoding: 'utf8'});
}

describe('bad input found in review: refused with a reason, never a crash', () => {
	it('a training session name cannot leave the training directory', () => {
		const result = cli(['train', 'inject', 'a/../../../../tmp/escape', '{flows: [{to: 1.2.3.4, action: drop}]}'], tempDir());
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('session name "a/../../../../tmp/escape" must be');
	});

	it('an age beyond the range of dates is a usage error, not exit 70', () => {
		expect(parseSince('9999999999d')).toBeUndefined();
		const stateDir = tempDir();
		cli(['--runbook', miniRunbook, 'set', 'service_port=22'], stateDir);
		const result = cli(['--runbook', miniRunbook, 'diff', '--since', '9999999999d'], stateDir);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('--since must be a time');
	});

	it('output piped into a reader that closes early ends quietly', () => {
		const result = spawnSync('bash', ['-c', `"${process.execPath}" "${cliPath}" --help | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], {encoding: 'utf8'});
		expect(result.stderr).not.toMatch(/EPIPE|Error/);
		expect(result.stdout.trim()).toBe('0');
	});
});
