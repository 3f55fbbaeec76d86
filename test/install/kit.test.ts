import {spawnSync} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/paths.js';
import {checksumMismatches, extractKit, kitMissing, packageVersion} from './kits.js';

const linuxMissing = kitMissing('linux-x64');
const windowsMissing = kitMissing('win-x64');

describe.skipIf(linuxMissing)(`the Linux kit${linuxMissing ? ` (skipped: ${linuxMissing})` : ''}`, () => {
	it('runs from its folder with nothing on PATH: its own Node 24, the bundle and steps/', () => {
		const kit = extractKit('linux-x64', tempDir('azs-kit-linux-'));
		expect(checksumMismatches(kit)).toEqual([]);
		expect(statSync(path.join(kit, 'azs-runbook')).mode & 0o111).not.toBe(0);
		const state = path.join(tempDir('azs-kit-state-'), 'state');
		const run = (args: string[]) => spawnSync(path.join(kit, 'azs-runbook'), args, {cwd: tempDir('azs-kit-cwd-'), encoding: 'utf8', env: {PATH: '', HOME: state, NO_COLOR: '1'}});
		const version = run(['--version']);
		expect(version.stderr).toBe('');
		expect(version.stdout.trim()).toBe(packageVersion);
		const runtime = spawnSync(path.join(kit, 'node'), ['-p', 'process.version'], {encoding: 'utf8', env: {}});
		expect(runtime.stdout.trim()).toMatch(/^v24\./);
		const status = run(['--state-dir', state, 'set', 'dns_forwarders=10.50.0.53,10.50.1.53']);
		expect(status.stderr).not.toMatch(/error/i);
		expect(status.status).toBe(0);
		expect(readdirSync(state).some(name => name.startsWith('session-'))).toBe(true);
	});

	it('suggests commands that start its launcher (no node on PATH): they paste and run', () => {
		const folder = path.join(tempDir('azs-kit-linux-'), 'kit folder');
		mkdirSync(folder);
		const kit = extractKit('linux-x64', folder);
		const state = path.join(tempDir('azs-kit-state-'), 'state');
		const env = {PATH: '', HOME: state, NO_COLOR: '1'};
		const launcher = path.join(kit, 'azs-runbook');
		const fromElsewhere = tempDir('azs-kit-cwd-');
		const usage = spawnSync(launcher, ['stauts'], {cwd: fromElsewhere, encoding: 'utf8', env});
		expect(usage.stderr).toBe(`azs-runbook: unknown command "stauts" (did you mean "status"?) (see '${launcher}' --help)\n`);
		const run = spawnSync(launcher, ['--state-dir', state, '--new', 'run'], {cwd: fromElsewhere, encoding: 'utf8', env});
		const hint = /: ('[^']+' --session default --state-dir \S+ confirm session-contacts)$/m.exec(run.stdout);
		expect(hint, run.stdout).not.toBeNull();
		const pasted = spawnSync('/bin/sh', ['-c', hint![1]!], {cwd: fromElsewhere, encoding: 'utf8', env});
		expect(pasted.stderr).toBe('');
		expect(pasted.stdout).toMatch(/^session-contacts: confirmed by \S+\n$/);
		// Started from the kit's folder: the launcher relative, as its README says to start it.
		const inKit = spawnSync('./azs-runbook', ['help', 'run'], {cwd: kit, encoding: 'utf8', env});
		expect(inKit.stdout.trimEnd().split('\n').at(-1)).toBe('(./azs-runbook --help lists every command and the exit codes.)');
	});
});

describe.skipIf(windowsMissing)(`the Windows kit${windowsMissing ? ` (skipped: ${windowsMissing})` : ''}`, () => {
	it('holds node.exe, the bundle, steps/, a CRLF launcher, the offline README and matching SHA256SUMS', () => {
		const kit = extractKit('win-x64', tempDir('azs-kit-win-'));
		expect(readdirSync(kit).sort()).toEqual(['LICENSE.node.txt', 'README.txt', 'SHA256SUMS', 'azs-runbook.cmd', 'azs-runbook.mjs', 'node.exe', 'steps']);
		expect(checksumMismatches(kit)).toEqual([]);
		// A PE executable: "MZ", then the PE header for x86-64.
		const exe = readFileSync(path.join(kit, 'node.exe'));
		expect(exe.subarray(0, 2).toString('latin1')).toBe('MZ');
		const pe = exe.readUInt32LE(0x3c);
		expect(exe.subarray(pe, pe + 4).toString('latin1')).toBe('PE\0\0');
		expect(exe.readUInt16LE(pe + 4)).toBe(0x8664);
		const launcher = readFileSync(path.join(kit, 'azs-runbook.cmd'), 'utf8');
		expect(launcher).toContain('"%~dp0node.exe" "%~dp0azs-runbook.mjs" %*');
		expect(launcher.split('\n').slice(0, -1).every(line => line.endsWith('\r'))).toBe(true);
		const readme = readFileSync(path.join(kit, 'README.txt'), 'utf8');
		expect(readme).toContain('%APPDATA%\\azs-runbook');
		expect(readme).toContain('--state-dir');
		expect(readme).toContain('Get-FileHash');
	});
});
