import {createHash} from 'node:crypto';
import {appendFileSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readKitDir} from '../../src/remote/kit-dir.js';
import {hashCommand, mismatched, nodeMajor, shellFromProbe} from '../../src/remote/place-kit.js';
import {tempDir} from '../helpers/paths.js';

/*
The parts of copying the kit that need no remote host: reading a kit folder against its SHA256SUMS,
telling the remote shell from the probe's echo, and comparing the remote hashes. The copy itself
runs against a real sshd in test/lab/collect.test.ts.
*/

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function writeKit(files: Record<string, string>, sums = Object.entries(files).map(([name, text]) => `${sha(text)}  ${name}\n`).join('')): string {
	const dir = tempDir();
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), {recursive: true});
		writeFileSync(path.join(dir, name), text);
	}

	writeFileSync(path.join(dir, 'SHA256SUMS'), sums);
	return dir;
}

const program = {'azs-runbook.mjs': 'console.log(1)', 'steps/azure-stack-hub.yaml': 'id: x', 'node.exe': 'MZ', 'azs-runbook.cmd': '@echo off'};

describe('reading a kit folder', () => {
	it('names the program files, the runtime and its platform, and an id from the sums', () => {
		const read = readKitDir(writeKit(program));
		expect(read.ok).toBe(true);
		const {kit} = read as Extract<typeof read, {ok: true}>;
		expect(kit.program.map(file => file.name)).toEqual(['azs-runbook.mjs', 'steps/azure-stack-hub.yaml']);
		expect(kit.runtime).toMatchObject({name: 'node.exe', platform: 'windows'});
		expect(kit.id).toMatch(/^[\da-f]{12}$/);
	});

	it('refuses a changed file, a missing folder of sums, and a name a shell would read as more than a name', () => {
		const changed = writeKit(program);
		appendFileSync(path.join(changed, 'azs-runbook.mjs'), '// changed');
		expect(readKitDir(changed)).toMatchObject({ok: false, reason: expect.stringContaining('the kit\'s azs-runbook.mjs has SHA-256') as string});
		expect(readKitDir(tempDir())).toMatchObject({ok: false, reason: expect.stringContaining('no SHA256SUMS') as string});
		const evil = writeKit(program, `${sha('x')}  steps/$(reboot).yaml\n`);
		expect(readKitDir(evil)).toMatchObject({ok: false, reason: expect.stringContaining('plain name') as string});
		const escape = writeKit(program, `${sha('x')}  ../outside\n`);
		expect(readKitDir(escape).ok).toBe(false);
	});
});

describe('the remote side', () => {
	it('tells sh, cmd.exe and PowerShell apart by how they expand %OS% and $env:OS', () => {
		expect(shellFromProbe('azs-probe %OS% :OS\n')).toBe('posix');
		expect(shellFromProbe('azs-probe Windows_NT $env:OS\r\n')).toBe('cmd');
		expect(shellFromProbe('azs-probe\r\n%OS%\r\nWindows_NT\r\n')).toBe('powershell');
	});

	it('reads node --version', () => {
		expect(nodeMajor('v20.19.2\n')).toBe(20);
		expect(nodeMajor('sh: node: not found')).toBeUndefined();
	});

	it('builds the hash command from the kit\'s plain names only, per shell', () => {
		expect(hashCommand('posix', '.azs-runbook-kit-abc', ['azs-runbook.mjs', 'steps/a.yaml'])).toBe('cd .azs-runbook-kit-abc && { sha256sum -- azs-runbook.mjs steps/a.yaml 2>/dev/null || shasum -a 256 -- azs-runbook.mjs steps/a.yaml; }');
		expect(hashCommand('cmd', '.k', ['azs-runbook.mjs'])).toMatch(/^powershell -NoProfile -NonInteractive -Command "foreach \(\$f in 'azs-runbook.mjs'\) \{ .*Get-FileHash -Algorithm SHA256 -LiteralPath \(Join-Path '\.k' \$f\)/);
	});

	it('lists the files whose remote hash differs or is missing (upper case and backslashes as Windows prints them)', () => {
		const files = [{name: 'azs-runbook.mjs', sha256: sha('a'), bytes: 1}, {name: 'steps/x.yaml', sha256: sha('b'), bytes: 1}, {name: 'node', sha256: sha('c'), bytes: 1}];
		const output = `${sha('a').toUpperCase()}  azs-runbook.mjs\r\n${sha('b')}  steps\\x.yaml\r\nsha256sum: node: No such file or directory\n`;
		expect(mismatched(output, files).map(file => file.name)).toEqual(['node']);
	});
});
