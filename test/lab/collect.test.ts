import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createHash} from 'node:crypto';
import {appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {cliPath, repoRoot} from '../helpers/paths.js';
import {TmuxTerminal} from '../ui/helpers/tmux.js';
import {hostAddress, routerBmc} from './lab-config.js';
import {cliFrom, labTitle, type ReadyLab} from './lab-client.js';
import {nsName} from './topology.js';

/*
collect over real OpenSSH: a throwaway sshd (its own port, host key and authorised user key; never
the machine's own sshd) runs inside the lab's HLH namespace, and the DVM's session collects the
HLH's ACL results through it with the system ssh client, host keys verified.
*/

const lab = inject('lab');
const sshdPath = '/usr/sbin/sshd';
const sshPort = 2222;
const noNodePort = 2223;
const haveSsh = spawnSync('ssh', ['-V']).status === 0 && spawnSync(sshdPath, ['-V']).error === undefined;

/** A portable kit folder as npm run kit lays it out: this checkout's bundle, steps/, the runtime (linked, not copied) and SHA256SUMS. */
function makeKit(dir: string): {dir: string; id: string} {
	mkdirSync(dir, {recursive: true});
	cpSync(cliPath, path.join(dir, 'azs-runbook.mjs'));
	cpSync(path.join(repoRoot, 'steps'), path.join(dir, 'steps'), {recursive: true});
	symlinkSync(process.execPath, path.join(dir, 'node'));
	const names = ['azs-runbook.mjs', 'node', ...spawnSync('find', ['steps', '-type', 'f'], {cwd: dir, encoding: 'utf8'}).stdout.split('\n').filter(Boolean)].sort();
	const sums = names.map(name => `${sha256Of(path.join(dir, name))}  ${name}\n`).join('');
	writeFileSync(path.join(dir, 'SHA256SUMS'), sums);
	return {dir, id: createHash('sha256').update(sums).digest('hex').slice(0, 12)};
}

function sha256Of(file: string): string {
	return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** root's home directory as sshd sees it (where collect puts the kit). */
const rootHome = spawnSync('getent', ['passwd', 'root'], {encoding: 'utf8'}).stdout.split(':')[5] ?? '/root';

describe.skipIf(!lab.ready || !haveSsh)(labTitle(lab, `collect over OpenSSH${haveSsh ? '' : ' (skipped: ssh or sshd is not installed)'}`), () => {
	const ready = lab as ReadyLab;
	let dir = '';
	let sshd: ChildProcess | undefined;
	let stateDir = '';
	const files = {
		hostKey: '', userKey: '', wrongKey: '', knownHosts: '', emptyKnownHosts: '', config: '', tool: '', dyingTool: '', noNodePath: '',
	};
	let kit = {dir: '', id: ''};

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
		const hostKeyLine = readFileSync(`${files.hostKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
		writeFileSync(files.knownHosts, [sshPort, noNodePort].map(port => `[${hostAddress.hlh}]:${port} ${hostKeyLine}\n`).join(''));
		files.emptyKnownHosts = path.join(dir, 'known_hosts.empty');
		writeFileSync(files.emptyKnownHosts, '');
		// The remote tool: this checkout's CLI behind a launcher, as a kit's launcher would be.
		files.tool = path.join(dir, 'azs-runbook');
		writeFileSync(files.tool, `#!/bin/sh\nexec '${process.execPath}' '${cliPath}' "$@"\n`, {mode: 0o755});
		// A remote run that dies half-way through writing its results.
		files.dyingTool = path.join(dir, 'azs-runbook-dies');
		writeFileSync(files.dyingTool, '#!/bin/sh\nprintf \'{"format":"azs-runbook-results/1","results":[\'\nkill -9 $$\n', {mode: 0o755});
		// A PATH on the HLH without Node.js (the kit must bring its runtime) but with sha256sum.
		files.noNodePath = path.join(dir, 'bin-no-node');
		mkdirSync(files.noNodePath);
		symlinkSync(spawnSync('sh', ['-c', 'command -v sha256sum'], {encoding: 'utf8'}).stdout.trim(), path.join(files.noNodePath, 'sha256sum'));
		kit = makeKit(path.join(dir, 'kit'));
		files.config = path.join(dir, 'ssh_config');
		const hostBlock = (alias: string, knownHosts: string, key: string) =>
			`Host ${alias}\n  HostName ${hostAddress.hlh}\n  Port ${sshPort}\n  User root\n  UserKnownHostsFile ${knownHosts}\n  GlobalKnownHostsFile /dev/null\n  IdentityFile ${key}\n  IdentitiesOnly yes\n  IdentityAgent none\n`;
		writeFileSync(files.config, [
			hostBlock('hlh-lab', files.knownHosts, files.userKey),
			hostBlock('hlh-unknown-key', files.emptyKnownHosts, files.userKey),
			hostBlock('hlh-wrong-key', files.knownHosts, files.wrongKey),
			hostBlock('hlh-no-node', files.knownHosts, files.userKey).replace(`Port ${sshPort}`, `Port ${noNodePort}`),
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
			// scp speaks SFTP (OpenSSH 9); Debian's and Windows' default configs enable it the same way.
			'Subsystem sftp internal-sftp',
			// The second port plays an HLH without Node.js (the kit must bring its runtime) but with sha256sum.
			`Port ${noNodePort}`,
			`Match LocalPort ${noNodePort}`,
			`  SetEnv PATH=${files.noNodePath}`,
		].join('\n'));
		// OpenSSH's privilege separation directory.
		mkdirSync('/run/sshd', {recursive: true, mode: 0o755});
		sshd = spawn('ip', ['netns', 'exec', nsName(ready.prefix, 'hlh'), sshdPath, '-D', '-e', '-f', sshdConfig], {stdio: ['ignore', 'ignore', 'pipe']});
		let log = '';
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`sshd did not start: ${log}`)), 30_000);
			sshd!.stderr!.on('data', (chunk: Buffer) => {
				log += chunk.toString();
				if (log.includes(`port ${sshPort}`) && log.includes(`port ${noNodePort}`) && log.includes('Server listening')) {
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
		const imported = await cliFrom(ready, 'dvm', ['--state-dir', stateDir, '--session', 'lab', '--new', 'inputs', 'import', path.join(repoRoot, 'test/lab/lab-worksheet.yaml')]);
		expect(imported.code, imported.stderr + imported.stdout).toBe(0);
	});

	const remoteKit = () => path.join(rootHome, `.azs-runbook-kit-${kit.id}`);
	afterAll(() => {
		sshd?.kill('SIGTERM');
		if (dir) {
			rmSync(dir, {recursive: true, force: true});
		}

		if (kit.id) {
			rmSync(remoteKit(), {recursive: true, force: true});
		}
	});

	const statePath = () => path.join(stateDir, 'session-lab.json');
	const ca = () => ['--ca', path.join(ready.pkiDir, 'labca.crt')];
	const collect = async (...args: string[]) => cliFrom(ready, 'dvm', ['--state-dir', stateDir, '--session', 'lab', ...ca(), 'collect', '--ssh-config', files.config, '--remote-tool', files.tool, ...args]);

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
		const journal = await cliFrom(ready, 'dvm', ['--state-dir', stateDir, '--session', 'lab', 'journal']);
		expect(journal.stdout).toMatch(/\(from hlh .*collected over SSH from hlh-lab\)/);
		const verify = await cliFrom(ready, 'dvm', ['--state-dir', stateDir, '--session', 'lab', 'journal', 'verify']);
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

	// A short probe timeout: these tests are about getting the tool there, not about the verdicts (the HLH's deny flows wait it out).
	const collectWithKit = async (...args: string[]) => cliFrom(ready, 'dvm', ['--state-dir', stateDir, '--session', 'lab', ...ca(), '--timeout', '1000', 'collect', '--ssh-config', files.config, '--kit', kit.dir, ...args]);

	it('copies the kit to an HLH without azs-runbook (its own Node.js runs it), checks it there, and reuses it', async () => {
		rmSync(remoteKit(), {recursive: true, force: true});
		let run = await collectWithKit('--host', 'hlh=hlh-lab');
		expect(run.stderr).toContain('hlh: hlh-lab: no azs-runbook there; copying the kit');
		expect(run.stdout).toMatch(/hlh \(hlh-lab, .*\) \[[\d.]+ s\]: took [1-9]\d*, refused 0/);
		expect(sha256Of(path.join(remoteKit(), 'azs-runbook.mjs'))).toBe(sha256Of(cliPath));
		expect(existsSync(path.join(remoteKit(), 'steps', 'azure-stack-hub.yaml'))).toBe(true);
		// The HLH has Node.js 20+: the runtime is not copied.
		expect(existsSync(path.join(remoteKit(), 'node'))).toBe(false);

		run = await collectWithKit('--host', 'hlh=hlh-lab');
		expect(run.stderr).not.toContain('copying the kit');
		expect(run.stdout).toMatch(/took [1-9]\d*, refused 0/);

		// A changed file there fails its SHA-256 check: the kit is copied again before anything runs.
		appendFileSync(path.join(remoteKit(), 'azs-runbook.mjs'), '\nprocess.exit(3);\n');
		run = await collectWithKit('--host', 'hlh=hlh-lab');
		expect(run.stderr).toContain('copying the kit');
		expect(run.stdout).toMatch(/took [1-9]\d*, refused 0/);
		expect(sha256Of(path.join(remoteKit(), 'azs-runbook.mjs'))).toBe(sha256Of(cliPath));
	}, 240_000);

	it('copies the runtime too when the HLH has no Node.js', async () => {
		const run = await collectWithKit('--host', 'hlh=hlh-no-node');
		expect(run.stderr).toContain('copying the kit');
		expect(run.stdout).toMatch(/hlh \(hlh-no-node, .*\) \[[\d.]+ s\]: took [1-9]\d*, refused 0/);
		expect(existsSync(path.join(remoteKit(), 'node'))).toBe(true);
	}, 120_000);

	it('collects from the Collect screen of the interactive runbook on the DVM (it holds the session lock)', async () => {
		const before = JSON.parse(readFileSync(statePath(), 'utf8')) as {collectHosts?: Record<string, {at: string}>};
		const quote = (value: string) => `'${value.replaceAll("'", String.raw`'\''`)}'`;
		const argv = [process.execPath, cliPath, '--state-dir', stateDir, '--session', 'lab', ...ca(), '--timeout', '1000', '--ssh-config', files.config, '--remote-tool', files.tool];
		const term = new TmuxTerminal();
		try {
			term.start(`cd ${quote(repoRoot)} && exec ip netns exec ${nsName(ready.prefix, 'dvm')} ${argv.map(quote).join(' ')}`, {columns: 100, rows: 30});
			await term.waitFor(screen => /\? help/.test(screen), 30_000);
			for (let back = 0; back < 4 && !term.screen().includes('Phase overview'); back++) {
				await term.key('Escape');
			}

			await term.waitFor('Phase overview');
			let screen = await term.key('c');
			expect(screen).toContain('Phase overview › collect');
			// The host the session remembers from the collections above.
			expect(screen).toMatch(/the HLH \(hlh\): hlh-(lab|no-node)/);
			for (let down = 0; down < 4 && !/› the HLH/.test(term.screen()); down++) {
				await term.key('Down');
			}

			await term.key('Enter');
			screen = await term.waitFor(current => current.includes('Collection finished'), 60_000);
			expect(screen).toMatch(/✔ from .*: took [1-9]\d*( \(\d+ failing\))?, refused 0/);
			expect(screen).toContain('Collection finished: 1 host(s) merged, 0 failed');
			await term.key('q');
			await term.waitFor('Progress is saved');
		} finally {
			term.dispose();
		}

		const after = JSON.parse(readFileSync(statePath(), 'utf8')) as {collectHosts?: Record<string, {at: string; ok: boolean}>};
		expect(after.collectHosts?.hlh?.ok).toBe(true);
		expect(after.collectHosts?.hlh?.at).not.toBe(before.collectHosts?.hlh?.at);
		const verify = await cliFrom(ready, 'dvm', ['--state-dir', stateDir, '--session', 'lab', 'journal', 'verify']);
		expect(verify.code, verify.stdout + verify.stderr).toBe(0);
	}, 120_000);

	it('runs the HLH\'s command steps there and brings back exit code and output, capped and escaped; a step for another platform says so', async () => {
		const runbook = path.join(dir, 'hlh-commands.yaml');
		writeFileSync(runbook, [
			'id: hlh-commands',
			'title: HLH commands',
			'version: "1"',
			'description: Command steps that run on the HLH.',
			'defaultTtl: 12h',
			'vantageInputs: {dvm: [dvm_address], hlh: [hlh_address]}',
			'phases:',
			'  - id: worksheet',
			'    title: Worksheet',
			'    body: The addresses.',
			'    steps:',
			'      - {kind: input, id: enter-dvm, title: DVM address, body: The DVM., name: dvm_address, type: ipv4}',
			'      - {kind: input, id: enter-hlh, title: HLH address, body: The HLH., name: hlh_address, type: ipv4}',
			'  - id: hlh-side',
			'    title: On the HLH',
			'    body: Commands on the HLH.',
			'    vantage: hlh',
			'    steps:',
			'      - {kind: command, id: hlh-addresses, title: The HLH addresses, body: Lists them., argv: [ip, "-4", "-o", addr, show]}',
			String.raw`      - {kind: command, id: hlh-escapes, title: Output with escapes, body: A title-setting escape., blocking: false, argv: [printf, '\033]0;owned\007done\n']}`,
			'      - {kind: command, id: hlh-windows, title: Windows only, body: Not on Linux., platforms: [win32], argv: [ipconfig, /all]}',
			'',
		].join('\n'));
		const tool = path.join(dir, 'azs-runbook-commands');
		writeFileSync(tool, `#!/bin/sh\nexec '${process.execPath}' '${cliPath}' --runbook '${runbook}' "$@"\n`, {mode: 0o755});
		const base = ['--state-dir', stateDir, '--runbook', runbook, '--session', 'cmds'];
		for (const [index, value] of [`dvm_address=${hostAddress.dvm}`, `hlh_address=${hostAddress.hlh}`].entries()) {
			const set = await cliFrom(ready, 'dvm', [...base, ...(index === 0 ? ['--new'] : []), 'set', value]);
			expect(set.code, set.stderr).toBe(0);
		}

		const run = await cliFrom(ready, 'dvm', [...base, 'collect', '--ssh-config', files.config, '--remote-tool', tool, '--host', 'hlh=hlh-lab']);
		expect(run.stderr).toContain('hlh: hlh-lab: running 3 step(s) there');
		expect(run.stdout).toMatch(/hlh \(hlh-lab, .*\) \[[\d.]+ s\]: took 2, refused 1/);
		expect(run.stdout).toContain('hlh-addresses  command exit code 0');
		expect(run.stdout).toMatch(/hlh-windows: refused: \S+ did not run it: runs only on win32; \S+ is linux/);
		const state = JSON.parse(readFileSync(path.join(stateDir, 'session-cmds.json'), 'utf8')) as {steps: Record<string, {state: string; command?: {exitCode?: number; output: string; collected?: {vantage: string; via: string; source: string}}}>};
		expect(state.steps['hlh-addresses']).toMatchObject({state: 'passed', command: {exitCode: 0, collected: {vantage: 'hlh', via: 'ssh', source: 'hlh-lab'}}});
		// Measured in the HLH's namespace: its address, not the DVM's.
		expect(state.steps['hlh-addresses']!.command!.output).toContain(`inet ${hostAddress.hlh}/`);
		expect(state.steps['hlh-addresses']!.command!.output).not.toContain(`inet ${hostAddress.dvm}/`);
		expect(state.steps['hlh-escapes']!.command!.output).toBe(String.raw`\u001b]0;owned\u0007done`);
		expect(state.steps['hlh-windows']?.state ?? 'pending').toBe('pending');
		const journal = await cliFrom(ready, 'dvm', [...base, 'journal']);
		expect(journal.stdout).toMatch(/command hlh-addresses → passed: exit code 0 \(from hlh \S+, collected over SSH from hlh-lab\)/);
	}, 120_000);
});
