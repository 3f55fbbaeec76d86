import {spawnSync} from 'node:child_process';
import {openSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

function cli(stateDir: string, args: string[]) {
	const stdin = openSync('/dev/null', 'r');
	const result = spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', stateDir, ...args], {stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('values freeze with their warnings said again', () => {
	it('the command that completes the phase lists what froze and the warning; inputs keeps the warning under the value', () => {
		const stateDir = path.join(tempDir(), 'state');
		const set = cli(stateDir, ['set', 'dns_forwarders=10.0.0.1']);
		expect(set.code).toBe(0);
		expect(set.stderr).toContain('warning: only 1 given; 2 are recommended for fault tolerance');
		expect(set.stderr).not.toContain('frozen now');
		expect(cli(stateDir, ['set', 'service_port=8080']).code).toBe(0);

		const run = cli(stateDir, ['run', '--phase', 'setup', '--yes']);
		expect(run.stderr).toContain('frozen now: DNS forwarders = 10.0.0.1 (warning: only 1 given; 2 are recommended for fault tolerance)');

		const listed = cli(stateDir, ['inputs']).stdout;
		expect(listed).toMatch(/^dns_forwarders +10\.0\.0\.1 \[frozen\] +DNS forwarders$/m);
		expect(listed).toMatch(/^ +! warning: only 1 given; 2 are recommended for fault tolerance$/m);
	});
});
