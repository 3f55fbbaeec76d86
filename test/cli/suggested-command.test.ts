import {spawnSync} from 'node:child_process';
import {existsSync, openSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseCliArgs} from '../../src/cli/args.js';
import {locatorFrom, programCommand, programFrom, suggestCommand, windowsWord} from '../../src/cli/suggested-command.js';
import {cliPath, miniRunbook, repoRoot, tempDir} from '../helpers/paths.js';

/** The built CLI with no terminal, started from `cwd` (not the repository), as an operator would. */
function cli(args: string[], cwd: string) {
	const stdin = openSync('/dev/null', 'r');
	const result = spawnSync(process.execPath, [cliPath, ...args], {cwd, stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** Pastes a suggested command into a POSIX shell, as an operator would. */
function paste(command: string, cwd: string) {
	const stdin = openSync('/dev/null', 'r');
	const result = spawnSync('sh', ['-c', command], {cwd, stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('suggested commands reach the same session', () => {
	it('carry --session, --state-dir, --training, --runbook, --ca and --dns-server, absolute', () => {
		const args = parseCliArgs(['--session', 'rack-2', '--state-dir', 'state dir', '--training', '--runbook', 'site.yaml', '--ca', 'lab/ca.pem', '--dns-server', '127.0.0.1:5353', 'status']);
		const command = suggestCommand(locatorFrom(args), ['confirm', 'backed-up'], {shell: 'posix', program: ['azs-runbook']});
		const cwd = process.cwd();
		expect(command).toBe(`azs-runbook --training --session rack-2 --state-dir '${path.join(cwd, 'state dir')}' --runbook ${path.join(cwd, 'site.yaml')} --ca ${path.join(cwd, 'lab', 'ca.pem')} --dns-server 127.0.0.1:5353 confirm backed-up`);
		// The default state directory given explicitly is left out.
		expect(locatorFrom(parseCliArgs(['--state-dir', '/x/y']), '/x/y').stateDir).toBeUndefined();
	});

	it('a refusal (a frozen input) suggests the command for the same session, and pasted it works', () => {
		const cwd = tempDir();
		const stateDir = path.join(cwd, 'state dir');
		const base = ['--runbook', miniRunbook, '--state-dir', stateDir, '--session', 'rack-2'];
		expect(cli([...base, '--new', 'set', 'dns_forwarders=127.0.0.1'], cwd).code).toBe(0);
		expect(cli([...base, 'set', 'service_port=443'], cwd).code).toBe(0);
		expect(cli([...base, 'run', '--phase', 'setup', '--yes'], cwd).code).toBe(0);
		// The setup phase is complete, so the forwarders froze: changing them is refused with the unfreeze command.
		const frozen = cli([...base, 'set', 'dns_forwarders=127.0.0.2'], cwd);
		expect(frozen.code).toBe(2);
		const unfreeze = /unfreeze it with a reason first: (.+ unfreeze dns_forwarders --reason) '…'$/m.exec(frozen.stderr);
		expect(unfreeze, frozen.stderr).not.toBeNull();
		expect(unfreeze![1]).toContain('--session rack-2');
		expect(unfreeze![1]).not.toContain('azs-runbook unfreeze');
		const pasted = paste(`${unfreeze![1]} 'the customer moved DNS'`, tempDir());
		expect(pasted.code, pasted.stderr).toBe(0);
		expect(pasted.stdout).toContain('dns_forwarders: unfrozen');
	});

	it('quote Windows paths so PowerShell and cmd.exe both run them', () => {
		expect(windowsWord('C:\\lab\\ca.pem')).toBe('C:\\lab\\ca.pem');
		expect(windowsWord('C:\\Program Files\\azs state')).toBe('"C:\\Program Files\\azs state"');
		// A trailing backslash before the closing quote would escape it for the program's parser.
		expect(windowsWord('D:\\state dir\\')).toBe('"D:\\state dir\\\\"');
		// PowerShell splits bare commas into an array; cmd reads & as "and then".
		expect(windowsWord('dns_forwarders=10.0.0.53,10.0.1.53')).toBe('"dns_forwarders=10.0.0.53,10.0.1.53"');
		expect(windowsWord('R&D')).toBe('"R&D"');
		expect(windowsWord('@site')).toBe('"@site"');
		// $ expands inside PowerShell double quotes: single quotes, doubled inside.
		expect(windowsWord('C:\\it\'s $HOME')).toBe('\'C:\\it\'\'s $HOME\'');
		const command = suggestCommand({session: 'rack 2', stateDir: 'C:\\Users\\fe\\AppData\\Roaming\\azs state'}, ['confirm', 'backed-up'], {shell: 'windows', program: ['npx', 'azs-runbook']});
		expect(command).toBe('npx azs-runbook --session "rack 2" --state-dir "C:\\Users\\fe\\AppData\\Roaming\\azs state" confirm backed-up');
	});

	it('start the program the way it was started (npm start, npx, installed, node script)', () => {
		expect(programFrom({npm_lifecycle_event: 'start', npm_package_name: 'azs-runbook'}, ['node', '/repo/dist/cli.js'], '/repo')).toEqual(['npm', 'start', '--']);
		expect(programFrom({npm_lifecycle_event: 'npx', npm_lifecycle_script: '\'azs-runbook\''}, ['node', '/root/.npm/_npx/1/node_modules/.bin/azs-runbook'], '/repo')).toEqual(['npx', 'azs-runbook']);
		// Inherited from a parent npm command (e.g. the test runner started through npx): not ours.
		expect(programFrom({npm_lifecycle_event: 'npx', npm_lifecycle_script: 'vitest'}, ['node', '/repo/dist/cli.js'], '/repo')).toEqual(['node', path.join('dist', 'cli.js')]);
		expect(programFrom({}, ['node', '/usr/local/bin/azs-runbook'], '/home/fe')).toEqual(['azs-runbook']);
		expect(programFrom({}, ['node', 'C:\\Users\\fe\\AppData\\Roaming\\npm\\node_modules\\azs-runbook\\dist\\cli.js'], 'C:\\')).toEqual(['azs-runbook']);
		expect(programFrom({}, ['node', '/repo/dist/cli.js'], '/repo')).toEqual(['node', path.join('dist', 'cli.js')]);
		expect(programFrom({}, ['node', '/repo/dist/azs-runbook.mjs'], '/repo')).toEqual(['node', path.join('dist', 'azs-runbook.mjs')]);
		expect(programFrom({}, ['node', '/repo/dist/cli.js'], '/elsewhere')).toEqual(['node', '/repo/dist/cli.js']);
	});

	it('from a kit, start its launcher (node is not on the PATH of a kit\'s machine): relative inside the working directory', () => {
		const linux = (launcher: string, cwd: string) => programFrom({AZS_RUNBOOK_LAUNCHER: launcher}, ['/kit/node', '/kit/azs-runbook.mjs'], cwd);
		expect(linux('./azs-runbook', '/kit')).toEqual(['./azs-runbook']);
		expect(linux('/kit/azs-runbook', '/kit')).toEqual(['./azs-runbook']);
		expect(linux('/kit/azs-runbook', '/home/fe')).toEqual(['/kit/azs-runbook']);
		expect(linux('../kit/azs-runbook', '/home')).toEqual(['/kit/azs-runbook']);
		const windows = (launcher: string, cwd: string) => programFrom({AZS_RUNBOOK_LAUNCHER: launcher}, ['C:\\kit\\node.exe', 'C:\\kit\\azs-runbook.mjs'], cwd);
		expect(windows('C:\\kit\\azs-runbook.cmd', 'C:\\kit')).toEqual(['.\\azs-runbook.cmd']);
		expect(windows('C:\\kit\\azs-runbook.cmd', 'D:\\state')).toEqual(['C:\\kit\\azs-runbook.cmd']);
		// Inherited by a child that is not the kit's program (another script): not its launcher.
		expect(programFrom({AZS_RUNBOOK_LAUNCHER: '/kit/azs-runbook'}, ['node', '/repo/dist/azs-runbook.mjs'], '/repo')).toEqual(['node', path.join('dist', 'azs-runbook.mjs')]);
	});

	it('a program path with spaces is quoted, and on Windows called with PowerShell\'s & (a quoted first word is a string there)', () => {
		const windows = {shell: 'windows' as const, program: ['C:\\Users\\Jane Doe\\kit\\azs-runbook.cmd']};
		expect(programCommand(['--help'], windows)).toBe('& "C:\\Users\\Jane Doe\\kit\\azs-runbook.cmd" --help');
		expect(suggestCommand({session: 'rack-2'}, ['status'], windows)).toBe('& "C:\\Users\\Jane Doe\\kit\\azs-runbook.cmd" --session rack-2 status');
		expect(programCommand(['--help'], {shell: 'windows', program: ['C:\\kit\\azs-runbook.cmd']})).toBe('C:\\kit\\azs-runbook.cmd --help');
		expect(programCommand(['train', 'list'], {shell: 'posix', program: ['/home/jane/kit folder/azs-runbook']})).toBe('\'/home/jane/kit folder/azs-runbook\' train list');
	});

	it('a waiting hint pasted into a shell acts on rack-2 in its state directory, with the same CA and resolver', () => {
		const stateDir = path.join(tempDir(), 'state dir');
		const elsewhere = tempDir();
		const ca = path.join(tempDir(), 'lab ca.pem');
		writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
		const located = ['--session', 'rack-2', '--state-dir', stateDir, '--runbook', miniRunbook, '--ca', ca, '--dns-server', '127.0.0.1:5353'];
		const run = cli([...located, '--new', 'run'], elsewhere);
		expect(run.stderr).toContain('created session "rack-2"');
		const hint = /^· waiting read-me {2}Read the brief: read and acknowledge \(run with --yes to acknowledge instructions\): (.+)$/m.exec(run.stdout);
		expect(hint, run.stdout).not.toBeNull();
		const command = hint![1]!;
		expect(command).toContain('--ca \'');
		expect(command).toContain('--dns-server 127.0.0.1:5353');
		const pasted = paste(command, elsewhere);
		expect(pasted.code, pasted.stderr).toBe(0);
		expect(pasted.stdout).toMatch(/done +read-me/);
		// The step was acknowledged in rack-2, and no "default" session appeared anywhere.
		expect(readdirSync(stateDir).filter(file => file.endsWith('.json')).sort()).toEqual(['session-rack-2.json']);
		expect(existsSync(path.join(elsewhere, 'session-default.json'))).toBe(false);
	});

	it('the plain status names how to continue with the same options', () => {
		const stateDir = path.join(tempDir(), 'state dir');
		const result = cli(['--state-dir', stateDir, '--runbook', miniRunbook], tempDir());
		expect(result.stderr).toContain(`--session default --state-dir '${stateDir}' --runbook ${miniRunbook} run --phase ID`);
	});
});

describe('from a clean clone', () => {
	it('npm start -- … passes the arguments, and its suggestions are npm start -- … too', () => {
		const stateDir = tempDir();
		const stdin = openSync('/dev/null', 'r');
		const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1'};
		for (const name of Object.keys(env).filter(key => key.startsWith('npm_'))) {
			delete env[name];
		}

		const result = spawnSync('npm', ['start', '--silent', '--', '--state-dir', stateDir, '--runbook', miniRunbook, '--session', 'rack-2', 'status'], {cwd: repoRoot, stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', env});
		expect(result.status, result.stderr).toBe(2);
		expect(result.stderr).toContain(`no session "rack-2" in ${stateDir}`);
		expect(result.stderr).toContain(`open it in the interactive runbook: npm start -- --session rack-2 --state-dir ${stateDir} --runbook ${miniRunbook}`);
		// A usage error's pointer to the help pastes too.
		const usage = spawnSync('npm', ['start', '--silent', '--', 'stauts'], {cwd: repoRoot, stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', env});
		expect(usage.stderr).toBe('azs-runbook: unknown command "stauts" (did you mean "status"?) (see npm start -- --help)\n');
	}, 300_000);
});

describe('a session that does not exist is never created silently', () => {
	it('confirm, override and status on a missing name are refused with the names that exist; run/set on default say "created"', () => {
		const stateDir = tempDir();
		const cwd = tempDir();
		const base = ['--state-dir', stateDir, '--runbook', miniRunbook];
		const set = cli([...base, 'set', 'service_port=22'], cwd);
		expect(set.code).toBe(0);
		expect(set.stderr).toContain(`created session "default" in ${stateDir}`);
		for (const command of [['confirm', 'backed-up'], ['override', 'port-open', '--reason', 'x'], ['status'], ['set', 'service_port=23'], ['run']]) {
			const refused = cli([...base, '--session', 'defualt', ...command], cwd);
			expect(refused.code, command.join(' ')).toBe(2);
			expect(refused.stderr).toContain(`no session "defualt" in ${stateDir} (did you mean "default"?); sessions here: default. To start it, add --new`);
		}

		expect(readdirSync(stateDir).filter(file => file.endsWith('.json'))).toEqual(['session-default.json']);
		const explicit = cli([...base, '--session', 'rack-9', '--new', 'set', 'service_port=23'], cwd);
		expect(explicit.code).toBe(0);
		expect(explicit.stderr).toContain('created session "rack-9"');
	});
});
