import {spawn, type ChildProcess} from 'node:child_process';
import {closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {sessionPaths} from '../../src/store/session-paths.js';
import {repoRoot} from '../helpers/paths.js';
import {extractKit, kitMissing} from '../install/kits.js';
import {TmuxTerminal} from '../ui/helpers/tmux.js';
import {Wine, wineLoader, windowsPath, type WineRun} from './wine.js';

/*
win-smoke: the Windows kit's node.exe, launcher and bundle under Wine, through what a field
engineer does on the HLH: --help, set/confirm/run/journal verify, a .cmd command step, an answer
file saved by Windows PowerShell (UTF-16), a lock left by a killed process, a lock naming the
PID of the process that finds it (a killed one's PID reused), and the interactive
screen's first frame in a terminal. One Wine prefix for the whole file (Wine starts slowly); every
call is bounded; `wineserver -k` at the end. Without Wine or a kit it skips with the reason;
WINE_REQUIRED=1 (set by .ci/run, which installs Wine) or KIT_REQUIRED=1 turn that into a failure,
and a Wine that cannot start node.exe always fails.
*/
const loader = wineLoader();
const wineRequired = process.env.WINE_REQUIRED === '1';
if (!loader && wineRequired) {
	throw new Error('Wine is not installed (WINE_REQUIRED=1): apt-get install wine64');
}

const missing = loader ? kitMissing('win-x64') : 'Wine is not installed (apt-get install wine64)';
const fallbackRuntime = path.join(repoRoot, 'dist', 'kits', 'wine-smoke', 'node.exe');

const smokeRunbook = (helloCmd: string) => [
	'id: win-smoke', 'title: Windows smoke', 'version: "1"', 'description: Windows behaviour under Wine.', 'phases:',
	'  - id: p', '    title: P', '    body: b', '    steps:',
	'      - {kind: input, id: enter-site, title: Site, body: b, name: site_name, type: text}',
	'      - {kind: confirm, id: backed-up, title: Backed up, body: b, attestation: It is backed up.}',
	`      - {kind: command, id: hello, title: Hello, body: b, argv: ['${helloCmd}', {$input: site_name}]}`,
	'',
].join('\n');

describe.skipIf(missing)(`win-smoke: the Windows kit under Wine${missing ? ` (skipped: ${missing})` : ''}`, () => {
	let wine: Wine;
	let kit: string;
	let work: string;
	let runbook: string;
	let stateDir: string;
	/** Which node.exe runs: the kit's own, or (Wine 8) the pinned fallback, said in the log. */
	let runtimeNote = '';

	/** The kit's launcher through cmd.exe, as typed in a console, with the smoke runbook and state. */
	const azs = (args: string[], session = 'smoke'): WineRun =>
		wine.cmd([windowsPath(path.join(kit, 'azs-runbook.cmd')), '--runbook', windowsPath(runbook), '--state-dir', windowsPath(stateDir), '--session', session, '--new', '--operator', 'tester', ...args], {env: {NO_COLOR: '1'}});

	beforeAll(() => {
		wine = new Wine(loader!);
		wine.setUp();
		// One directory for the whole file (the shared tempDir helper empties itself after each test).
		work = mkdtempSync(path.join(os.tmpdir(), 'azs-win-smoke-'));
		kit = extractKit('win-x64', work);
		stateDir = path.join(work, 'state');
		const helloCmd = path.join(work, 'hello.cmd');
		// A .cmd writes what it was given to a file: proof it ran, and with which argument.
		writeFileSync(helloCmd, `@echo off\r\necho hello %~1> "${windowsPath(path.join(work, 'hello.txt'))}"\r\nexit /b 0\r\n`);
		runbook = path.join(work, 'win-smoke.yaml');
		writeFileSync(runbook, smokeRunbook(windowsPath(helloCmd)));

		const probe = wine.run(path.join(kit, 'node.exe'), ['-e', 'process.stdout.write("started " + process.version)']);
		if (probe.stdout.startsWith('started v24.')) {
			runtimeNote = `the kit's own node.exe (${probe.stdout.slice(8)})`;
		} else if (/SegmentedTable::InitializeTable|subspace allocation/.test(probe.stdout + probe.stderr)) {
			// Wine 8.0 (Debian 12) has no MEM_RESERVE_PLACEHOLDER, which Node 24's V8 needs (scripts/kit-runtime.json).
			if (!existsSync(fallbackRuntime)) {
				throw new Error(`Wine cannot start the kit's Node 24 (no placeholder memory in this Wine) and there is no fallback runtime: run node scripts/kit.mjs --wine-smoke-runtime`);
			}

			copyFileSync(fallbackRuntime, path.join(kit, 'node.exe'));
			const fallback = wine.run(path.join(kit, 'node.exe'), ['-e', 'process.stdout.write("started " + process.version)']);
			if (!fallback.stdout.startsWith('started v')) {
				throw new Error(`Wine cannot start node.exe at all: exit ${fallback.code}: ${fallback.stderr.slice(-1000)}`);
			}

			runtimeNote = `the fallback node.exe ${fallback.stdout.slice(8)}: this Wine cannot run the kit's Node 24 (no MEM_RESERVE_PLACEHOLDER)`;
		} else {
			throw new Error(`Wine cannot start the kit's node.exe: exit ${probe.code}${probe.timedOut ? ' (timed out)' : ''}: ${(probe.stdout + probe.stderr).slice(-1500)}`);
		}

		console.log(`win-smoke runs ${runtimeNote}`);
	}, 600_000);

	afterAll(() => {
		wine?.dispose();
		if (work) {
			rmSync(work, {recursive: true, force: true});
		}

	}, 120_000);

	it('--help through azs-runbook.cmd', () => {
		const help = wine.cmd([windowsPath(path.join(kit, 'azs-runbook.cmd')), '--help']);
		expect(help.stderr).toBe('');
		expect(help.stdout).toContain('journal verify');
		expect(help.code).toBe(0);
	});

	it('suggests commands that start azs-runbook.cmd (a kit\'s machine has no node.exe on PATH)', () => {
		const usage = azs(['stauts']);
		expect(usage.stderr).toContain(`(see ${windowsPath(path.join(kit, 'azs-runbook.cmd'))} --help)`);
		expect(usage.code).toBe(2);
	});

	it('set, confirm, a .cmd command step and journal verify, with Windows paths', () => {
		const set = azs(['set', 'site_name=rack-2']);
		expect(set.stderr).not.toMatch(/error/i);
		expect(set.code).toBe(0);
		expect(azs(['confirm', 'backed-up']).code).toBe(0);
		const run = azs(['run', '--yes']);
		expect(run.stdout).toMatch(/✔ (done|passed)\s+hello/);
		expect(run.code).toBe(0);
		expect(readFileSync(path.join(work, 'hello.txt'), 'utf8').trim()).toBe('hello rack-2');
		const verify = azs(['journal', 'verify']);
		expect(verify.stdout).toMatch(/^journal ok: \d+ entries, hash chain intact, the saved state agrees/);
		expect(verify.code).toBe(0);
	});

	it('imports an answer file saved by Windows PowerShell 5.1 (UTF-16 LE with a BOM, CRLF)', () => {
		const file = path.join(work, 'answers.yaml');
		writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('site_name: rack-3\r\n', 'utf16le')]));
		const taken = azs(['inputs', 'import', windowsPath(file)], 'bom');
		expect(taken.stdout, taken.stderr).toContain('took 1');
		expect(taken.code).toBe(0);
	});

	it('recovers a lock left by a process that was killed', async () => {
		// A real holder: `run` waits in a command step; then it is killed as Task Manager would.
		const holdRunbook = path.join(work, 'hold.yaml');
		writeFileSync(holdRunbook, [
			'id: hold', 'title: Hold', 'version: "1"', 'description: holds the lock', 'phases:',
			'  - id: p', '    title: P', '    body: b', '    steps:',
			'      - {kind: input, id: enter-site, title: Site, body: b, name: site_name, type: text}',
			'      - {kind: command, id: wait, title: Wait, body: b, argv: [ping, -n, "120", 127.0.0.1]}',
			'',
		].join('\n'));
		const args = ['--runbook', windowsPath(holdRunbook), '--state-dir', windowsPath(stateDir), '--session', 'held', '--new'];
		expect(wine.run(path.join(kit, 'node.exe'), [windowsPath(path.join(kit, 'azs-runbook.mjs')), ...args, 'set', 'site_name=x']).code).toBe(0);
		const out = openSync(path.join(work, 'holder.out'), 'w');
		let holder: ChildProcess | undefined;
		try {
			holder = spawn(wine.loader, [path.join(kit, 'node.exe'), windowsPath(path.join(kit, 'azs-runbook.mjs')), ...args, 'run', '--yes'], {env: wine.env(), stdio: ['ignore', out, out]});
			const lock = sessionPaths(stateDir, 'held').lock;
			const journal = sessionPaths(stateDir, 'held').journal;
			for (let attempt = 0; attempt < 2400 && !(existsSync(lock) && readFileSync(journal, 'utf8').includes('"wait"')); attempt++) {
				await new Promise(resolve => setTimeout(resolve, 25));
			}

			expect(existsSync(lock)).toBe(true);
			const exited = new Promise(resolve => holder!.once('exit', resolve));
			holder.kill('SIGKILL');
			await exited;
			expect(existsSync(lock)).toBe(true);
		} finally {
			holder?.kill('SIGKILL');
			closeSync(out);
		}

		const after = wine.run(path.join(kit, 'node.exe'), [windowsPath(path.join(kit, 'azs-runbook.mjs')), ...args, 'set', 'site_name=y']);
		expect(after.stderr).not.toContain('locked');
		expect(after.code).toBe(0);
	});

	it('takes over a lock naming its own PID: a killed process\'s PID reused by the next one (Windows reuses PIDs fast)', () => {
		const args = ['--runbook', windowsPath(runbook), '--state-dir', windowsPath(stateDir), '--session', 'reused', '--new'];
		expect(wine.run(path.join(kit, 'node.exe'), [windowsPath(path.join(kit, 'azs-runbook.mjs')), ...args, 'set', 'site_name=a']).code).toBe(0);
		// Before the program runs, its own process leaves the lock a killed predecessor with the same
		// PID would have left: this host, a nonce the new process never took, the same boot.
		const lock = sessionPaths(stateDir, 'reused').lock;
		const predecessor = path.join(work, 'predecessor.cjs');
		writeFileSync(predecessor, [
			'const fs = require(\'node:fs\');',
			'const os = require(\'node:os\');',
			'const owner = {pid: process.pid, host: os.hostname(), since: new Date().toISOString(), nonce: \'killed-predecessor\', uptime: os.uptime()};',
			'fs.writeFileSync(process.env.AZS_SMOKE_LOCK, JSON.stringify(owner), {flag: \'wx\'});',
			'',
		].join('\n'));
		const reused = wine.run(path.join(kit, 'node.exe'), ['--require', windowsPath(predecessor), windowsPath(path.join(kit, 'azs-runbook.mjs')), ...args, 'set', 'site_name=b'], {env: {AZS_SMOKE_LOCK: windowsPath(lock)}});
		expect(reused.stderr).not.toContain('locked');
		expect(reused.code, reused.stderr).toBe(0);
		// Its own lock released on exit, the value recorded.
		expect(existsSync(lock)).toBe(false);
		expect((JSON.parse(readFileSync(sessionPaths(stateDir, 'reused').state, 'utf8')) as {inputs: Record<string, {value: string}>}).inputs.site_name?.value).toBe('b');
	});

	it('draws the interactive screen\'s first frame in a terminal', async () => {
		const term = new TmuxTerminal();
		try {
			const env = Object.entries(wine.env({NO_COLOR: '1'})).filter(([name]) => /^(WINE|NO_COLOR$)/.test(name)).map(([name, value]) => `${name}='${value ?? ''}'`);
			term.start(`exec env -u CI -u DISPLAY ${env.join(' ')} ${loader} '${path.join(kit, 'node.exe')}' '${windowsPath(path.join(kit, 'azs-runbook.mjs'))}' --state-dir '${windowsPath(path.join(work, 'tui-state'))}' --operator tester`);
			const screen = await term.waitFor('New session name', 120_000);
			expect(screen).toContain('Azure Stack Hub');
			// After the first frame the program's code cache is written for the next start (bounded wait).
			const cacheDir = path.join(work, 'tui-state', 'cache', 'v8');
			const written = () => existsSync(cacheDir) && readdirSync(cacheDir).some(name => /^program-v[\d.]+-x64\.bin$/.test(name));
			for (let look = 0; look < 600 && !written(); look++) {
				await new Promise(resolve => setTimeout(resolve, 100));
			}

			expect(written()).toBe(true);
		} finally {
			term.dispose();
		}
	}, 180_000);
});
