import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {cliPath, repoRoot} from '../helpers/paths.js';
import {hostAddress, routerBmc} from './lab-config.js';
import {labTitle, type ReadyLab} from './lab-client.js';
import {nsName} from './topology.js';

/*
collect over real OpenSSH: a throwaway sshd (its own port, host key and authorised user key; never
the machine's own sshd) runs inside the lab's HLH namespace, and the DVM's session collects the
HLH's ACL results through it with the system ssh client, host keys verified.
*/

const lab = inject('lab');
const sshdPath = '/usr/sbin/sshd';
const sshPort = 2222;
const haveSsh = spawnSync('ssh', ['-V']).status === 0 && spawnSync(sshdPath, ['-V']).error === undefined;

type Run = {code: number | null; stdout: string; stderr: string};

/** Runs the real CLI inside a lab namespace; bounded in time. */
async function cliIn(ready: ReadyLab, role: 'dvm' | 'hlh', args: string[]): Promise<Run> {
	const child = spawn('ip', ['netns', 'exec', nsName(ready.prefix, role), process.execPath, cliPath, ...args], {cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	clearTimeout(timer);
	return {code, stdout, stderr};
}

describe.skipIf(!lab.ready || !haveSsh)(labTitle(lab, `collect over OpenSSH${haveSsh ? '' : ' (skipped: ssh or sshd is not installed)'}`), () => {
	const ready = lab as ReadyLab;
	let dir = '';
	let sshd: ChildProcess | undefined;
	let stateDir = '';
	const files = {
		hostKey: '', userKey: '', wrongKey: '', knownHosts: '', emptyKnownHosts: '', config: '', tool: '', dyingTool: '',
	};

	beforeAll(async () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'azs-collect-'));
		chmodSync(dir, 0o700);
		for (const [name, key] of [['host', 'hostKey'], ['user', 'userKey'], ['wrong', 'wrongKey']] as const) {
			const file = path.join(dir, `${name}_ed25519`);
			const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `lab-${name}`, '-f', file], {encoding: 'utf8'});
			expect(made.status, made.stderr).toBe(0);
			files[key] = file;
		}

		writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(`${files.userKey}.pub`));
		files.knownHosts = path.join(dir, 'known_hosts');
		writeFileSync(files.knownHosts, `[${hostAddress.hlh}]:${sshPort} ${readFileSync(`${files.hostKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
		files.emptyKnownHosts = path.join(dir, 'known_hosts.empty');
		writeFileSync(files.emptyKnownHosts, '');
		// The remote tool: this checkout's CLI behind a launcher, as a kit's launcher would be.
		files.tool = path.join(dir, 'azs-runbook');
		writeFileSync(files.tool, `#!/bin/sh\nexec '${process.execPath}' '${cliPath}' "$@"\n`, {mode: 0o755});
		// A remote run that dies half-way through writing its results.
		files.dyingTool = path.join(dir, 'azs-runbook-dies');
		writeFileSync(files.dyingTool, '#!/bin/sh\nprintf \'{"format":"azs-runbook-results/1","results":[\'\nkill -9 $$\n', {mode: 0o755});
		files.config = path.join(dir, 'ssh_config');
		const hostBlock = (alias: string, knownHosts: string, key: string) =>
			`Host ${alias}\n  HostName ${hostAddress.hlh}\n  Port ${sshPort}\n  User root\n  UserKnownHostsFile ${knownHosts}\n  GlobalKnownHostsFile /dev/null\n  IdentityFile ${key}\n  IdentitiesOnly yes\n  IdentityAgent none\n`;
		writeFileSync(files.config, [
			hostBlock('hlh-lab', files.knownHosts, files.userKey),
			hostBlock('hlh-unknown-key', files.emptyKnownHosts, files.userKey),
			hostBlock('hlh-wrong-key', files.knownHosts, files.wrongKey),
			`Host router-no-ssh\n  HostName ${routerBmc}\n  Port ${sshPort}\n  User root\n  UserKnownHostsFile ${files.knownHosts}\n  IdentityFile ${files.userKey}\n  IdentitiesOnly yes\n  IdentityAgent none\n`,
		].join('\n'));

		const sshdConfig = path.join(dir, 'sshd_config');
		writeFileSync(sshdConfig, [
			`Port ${sshPort}`,
			`ListenAddress ${hostAddress.hlh}`,
			`HostKey ${files.hostKey}`,
			`AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
			'PermitRootLogin prohibit-password',
			'PasswordAuthentication no',
			'KbdInteractiveAuthentication no',
			'UsePAM no',
			'StrictModes no',
			'PidFile none',
			'LogLevel VERBOSE',
		].join('\n'));
		// OpenSSH's privilege separation directory.
		mkdirSync('/run/sshd', {recursive: true, mode: 0o755});
		sshd = spawn('ip', ['netns', 'exec', nsName(ready.prefix, 'hlh'), sshdPath, '-D', '-e', '-f', sshdConfig], {stdio: ['ignore', 'ignore', 'pipe']});
		let log = '';
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`sshd did not start: ${log}`)), 30_000);
			sshd!.stderr!.on('data', (chunk: Buffer) => {
				log += chunk.toString();
				if (log.includes('Server listening')) {
					clearTimeout(timer);
					resolve();
				}
			});
			sshd!.on('exit', code => {
				clearTimeout(timer);
				reject(new Error(`sshd exited ${code}: ${log}`));
			});
		});

		stateDir = path.join(dir, 'state');
		const imported = await cliIn(ready, 'dvm', ['--state-dir', stateDir, '--session', 'lab', '--new', 'inputs', 'import', path.join(repoRoot, 'test/lab/lab-worksheet.yaml')]);
		expect(imported.code, imported.stderr + imported.stdout).toBe(0);
	});

	afterAll(() => {
		sshd?.kill('SIGTERM');
		if (dir) {
			rmSync(dir, {recursive: true, force: true});
		}
	});

	const statePath = () => path.join(stateDir, 'session-lab.json');
	const ca = () => ['--ca', path.join(ready.pkiDir, 'labca.crt')];
	const collect = async (...args: string[]) => cliIn(ready, 'dvm', ['--state-dir', stateDir, '--session', 'lab', ...ca(), 'collect', '--ssh-config', files.config, '--remote-tool', files.tool, ...args]);

	it('runs the HLH steps on the HLH over SSH and merges them into the DVM session, labelled hlh', async () => {
		const run = await collect('--host', 'hlh=hlh-lab');
		expect(run.stdout).toMatch(/hlh \(hlh-lab, .*\) \[[\d.]+ s\]: took [1-9]\d*, refused 0/);
		const state = JSON.parse(readFileSync(statePath(), 'utf8')) as {
			steps: Record<string, {result?: {vantage: {name?: string; localAddresses: string[]; collected?: {via: string; source: string}}}}>;
			collectHosts?: Record<string, {ok: boolean; destination: string}>;
		};
		const collected = Object.entries(state.steps).filter(([, record]) => record.result?.vantage.collected);
		expect(collected.length).toBeGreaterThan(0);
		for (const [, record] of collected) {
			expect(record.result!.vantage).toMatchObject({name: 'hlh', localAddresses: [hostAddress.hlh], collected: {via: 'ssh', source: 'hlh-lab'}});
		}

		expect(state.collectHosts?.hlh).toMatchObject({ok: true, destination: 'hlh-lab'});
		const journal = await cliIn(ready, 'dvm', ['--state-dir', stateDir, '--session', 'lab', 'journal']);
		expect(journal.stdout).toMatch(/\(from hlh .*collected over SSH from hlh-lab\)/);
		const verify = await cliIn(ready, 'dvm', ['--state-dir', stateDir, '--session', 'lab', 'journal', 'verify']);
		expect(verify.code, verify.stdout + verify.stderr).toBe(0);
	});

	it('refuses a host whose key is not known, and never adds it', async () => {
		const run = await collect('--host', 'hlh=hlh-unknown-key');
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/✖ hlh \(hlh-unknown-key\): hlh-unknown-key's host key is not known or has changed/);
		expect(readFileSync(files.emptyKnownHosts, 'utf8')).toBe('');
	});

	it('says when the host refuses the key', async () => {
		const run = await collect('--host', 'hlh=hlh-wrong-key');
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/hlh-wrong-key refused the key/);
	});

	it('says when azs-runbook is missing on the remote host', async () => {
		const run = await collect('--host', 'hlh=hlh-lab', '--remote-tool', path.join(dir, 'no-such-tool'));
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/azs-runbook was not found on hlh-lab/);
	});

	it('keeps nothing from a remote run killed mid-way', async () => {
		const before = readFileSync(statePath(), 'utf8');
		const run = await collect('--host', 'hlh=hlh-lab', '--remote-tool', files.dyingTool);
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/the remote run on hlh-lab stopped before it finished/);
		const after = JSON.parse(readFileSync(statePath(), 'utf8')) as {steps: unknown};
		expect(after.steps).toEqual((JSON.parse(before) as {steps: unknown}).steps);
	});

	it('collects from two hosts at once: one unreachable, the other still finishes', async () => {
		const run = await collect('--host', 'hlh=hlh-lab', '--host', 'dvm=router-no-ssh');
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/✖ dvm \(router-no-ssh\): cannot reach router-no-ssh over SSH/);
		expect(run.stdout).toMatch(/hlh \(hlh-lab, .*: took [1-9]\d*, refused 0/);
	});
});
