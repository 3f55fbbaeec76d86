import {spawnSync} from 'node:child_process';
import {openSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

/** How a suggestion starts the program when it was started as `node dist/azs-runbook.mjs` from here. */
const program = `node ${path.relative(process.cwd(), cliPath)}`;

/** Runs the built CLI with no terminal: stdin is the null device, as in CI. */
function cli(args: string[], stateDir?: string) {
	const stdin = openSync('/dev/null', 'r');
	const withState = stateDir ? ['--runbook', miniRunbook, '--state-dir', stateDir, ...args] : args;
	const result = spawnSync(process.execPath, [cliPath, ...withState], {stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('azs-runbook CLI', () => {
	it('prints help with the exit codes and exits 0', () => {
		const result = cli(['--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Usage');
		expect(result.stdout).toContain('3  state problem');
	});

	it('refuses unknown flags and commands with exit 2', () => {
		expect(cli(['--bogus']).code).toBe(2);
		const unknown = cli(['frobnicate']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('unknown command "frobnicate"');
		expect(cli(['status', '--timeout', 'soon']).stderr).toContain('--timeout must be a whole number');
	});

	it('usage errors are one line with "did you mean"; an empty --operator is refused', () => {
		const flag = cli(['status', '--sesion', 'x']);
		expect(flag.code).toBe(2);
		expect(flag.stderr).toBe(`azs-runbook: unknown option --sesion (did you mean --session?) (see ${program} --help)\n`);
		const command = cli(['stauts']);
		expect(command.code).toBe(2);
		expect(command.stderr).toBe(`azs-runbook: unknown command "stauts" (did you mean "status"?) (see ${program} --help)\n`);
		const operator = cli(['--operator', ' ', 'status'], tempDir());
		expect(operator.code).toBe(2);
		expect(operator.stderr).toContain('--operator must name who is acting');
	});

	it('help COMMAND and COMMAND --help print that command\'s help; extra arguments and unknown step ids are refused with exit 2', () => {
		for (const args of [['help', 'run'], ['run', '--help']]) {
			const help = cli(args);
			expect(help.code).toBe(0);
			expect(help.stdout).toMatch(/^Usage\n {2}azs-runbook run \[--phase ID \| --step ID \| --stale\]/);
			expect(help.stdout).toContain('--session NAME');
			expect(help.stdout).not.toContain('journal verify');
		}

		expect(cli(['help', 'journal']).stdout).toContain('azs-runbook journal verify --head SEQ:HASH');
		expect(cli(['help']).stdout).toContain('Exit codes');
		const noTopic = cli(['help', 'stauts']);
		expect(noTopic.code).toBe(2);
		expect(noTopic.stderr).toBe(`azs-runbook: no help for "stauts": not a command (did you mean "status"?) (see ${program} --help)\n`);
		// Names every object has are not commands.
		expect(cli(['help', 'toString']).code).toBe(2);
		expect(cli(['constructor']).stderr).toBe(`azs-runbook: unknown command "constructor" (see ${program} --help)\n`);

		const stateDir = tempDir();
		for (const args of [['status', 'extra'], ['confirm', 'backed-up', 'read-me'], ['set', 'a=1', 'b=2'], ['sessions', 'x'], ['report', 'now'], ['train', 'list', 'x']]) {
			const extra = cli(args, stateDir);
			expect(extra.code, args.join(' ')).toBe(2);
			expect(extra.stderr).toMatch(new RegExp(`^azs-runbook: [a-z ]+ takes (no arguments|at most \\d arguments?); unexpected "[^"]+" \\(see ${program.replaceAll('.', '\\.')} help [a-z]+\\)\n$`));
		}

		expect(cli(['set', 'service_port=443'], stateDir).code).toBe(0);
		const step = cli(['confirm', 'backed-upp'], stateDir);
		expect(step.code).toBe(2);
		expect(step.stderr).toContain('unknown step "backed-upp" (did you mean "backed-up"?)');
		const run = cli(['run', '--step', 'port-opne'], stateDir);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('unknown step "port-opne" (did you mean "port-open"?)');
	});

	it('without a terminal shows the plain status and a hint, never a raw-mode crash', () => {
		const result = cli([], tempDir());
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Next: Setup › Read the brief');
		expect(result.stderr).toContain('No interactive terminal here');
		expect(result.stderr).not.toMatch(/Raw mode/i);
	});

	it('validates step files: 0 when valid, 2 with file:line:col when not', () => {
		expect(cli(['validate', miniRunbook]).code).toBe(0);
		const bad = path.join(tempDir(), 'bad.yaml');
		writeFileSync(bad, 'id: bad\ntitle: B\nversion: "1"\ndescription: d\nphases:\n  - id: p\n    title: P\n    body: b\n    steps:\n      - {kind: check, id: c, title: C, body: b, check: tcp.conect}\n');
		const result = cli(['validate', bad]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(`${bad}:10:56: phases[0].steps[0].check: unknown check "tcp.conect" (did you mean "tcp.connect"?)`);
	});

	it('sets inputs with the same validation, refusing bad values with the reason (exit 2)', () => {
		const stateDir = tempDir();
		const refused = cli(['set', 'dns_forwarders=10.0.0.300'], stateDir);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('"10.0.0.300" is not an IPv4 address');
		const accepted = cli(['set', 'dns_forwarders=10.0.0.53'], stateDir);
		expect(accepted.code).toBe(0);
		expect(accepted.stderr).toContain('warning: only 1 given; 2 are recommended');
		expect(cli(['set', 'dns_forwarder=10.0.0.53'], stateDir).stderr).toContain('did you mean "dns_forwarders"');
	});

	it('exits 1 when a blocking check fails and 0 once it is overridden', () => {
		const stateDir = tempDir();
		cli(['set', 'dns_forwarders=127.0.0.1,127.0.0.2'], stateDir);
		cli(['set', 'service_port=1'], stateDir);
		const run = cli(['run', '--yes'], stateDir);
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/✖ failed\s+port-open\s+TCP 127\.0\.0\.1:1 refused/);
		expect(run.stdout).toContain('[firewall-team]');
		expect(cli(['override', 'port-open'], stateDir).code).toBe(2);
		// Only a failing result can be overridden: not an attestation, not a check that has not failed.
		const attestation = cli(['override', 'backed-up', '--reason', 'trust me on this'], stateDir);
		expect(attestation.code).toBe(2);
		expect(attestation.stderr).toContain('step "backed-up" is an attestation: confirm it; only a failing check or command can be overridden');
		expect(cli(['override', 'read-me', '--reason', 'trust me on this'], stateDir).stderr).toContain('step "read-me" is an instruction: acknowledge it');
		expect(cli(['override', 'port-open', '--reason', 'no service in this lab'], stateDir).code).toBe(0);
		expect(cli(['confirm', 'backed-up'], stateDir).code).toBe(0);
		const status = cli(['status', '--json'], stateDir);
		const view = JSON.parse(status.stdout) as {phases: Array<{word: string}>; overrides: Array<{by: string}>};
		expect(view.phases.map(phase => phase.word)).toEqual(['complete', 'complete', 'open']);
		expect(view.overrides).toHaveLength(1);
	});

	it('exits 3 on a corrupt state file and names where it was kept', () => {
		const stateDir = tempDir();
		cli(['set', 'service_port=22'], stateDir);
		writeFileSync(sessionPaths(stateDir, 'default').state, '{"schemaVersion":1,');
		const result = cli(['set', 'service_port=23'], stateDir);
		expect(result.code).toBe(3);
		expect(result.stderr).toMatch(/kept as .*session-default\.json\.corrupt-/);
	});

	it('lists sessions and resets with a backup', () => {
		const stateDir = tempDir();
		cli(['--session', 'rack-1', '--new', 'set', 'service_port=22'], stateDir);
		const sessions = cli(['sessions'], stateDir);
		expect(sessions.stdout).toMatch(/rack-1\s+at Setup › Read the brief/);
		expect(cli(['--session', 'rack-1', 'reset'], stateDir).code).toBe(2);
		const reset = cli(['--session', 'rack-1', 'reset', '--yes'], stateDir);
		expect(reset.code).toBe(0);
		expect(reset.stdout).toMatch(/Kept: .*session-rack-1\.json\.reset-.*\.bak/);
	});
});
