import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {codeCacheFile, kitCodeCacheFile} from '../src/install/code-cache.js';
import {extractKit, kitArchive} from '../test/install/kits.js';
import {cliPath} from './startup.js';
import {quantiles, type Figure} from './stats.js';
import {BenchTerminal, shellQuote, sleepMs, terminalBenchSkipped} from './tmux.js';

/** Starts `command` in a fresh 80×24 tmux server and polls the screen until `text` shows: wall ms. */
function msToText(dir: string, command: string, text: string): number {
	const term = new BenchTerminal(dir);
	try {
		const started = performance.now();
		term.start(command);
		term.waitFor(text, 20_000, 5);
		return performance.now() - started;
	} finally {
		term.dispose();
	}
}

/** How one runtime starts the TUI: its bare node, the command that starts the TUI for a state directory, its environment. */
type Runner = {
	label: string;
	node: string;
	/** The program and its arguments before --state-dir (the bundle, or a kit's launcher). */
	program: string[];
	env: NodeJS.ProcessEnv;
	/** Where a first frame writes the program's code cache, or undefined when a kit ships one (a start uses that). */
	programCache?: (stateDir: string) => string;
};

/**
Time to the TUI's first interactive frame in a real terminal, for one runtime: from `tmux
new-session` (a fresh server each time) until `capture-pane` shows the start screen's "New session
name", polled every ~5 ms plus a capture's own time. Interleaved run by run, so machine noise hits
all three alike:
- bare node printing a word (then idling until killed) in the same terminal set-up;
- warm: the state directory's caches (the program's code cache, written after a first frame unless
  a kit ships one; for a kit also the compile cache its launcher turns on) filled by earlier starts,
  sessions removed between runs, so every start is a fresh start screen;
- first start: a new, empty state directory every run (no cache in it of any kind).
*/
function firstFrameFor(runner: Runner, dir: string, runs: number): Figure[] {
	mkdirSync(dir, {recursive: true});
	const warmDir = path.join(dir, `warm-${runner.label.replaceAll(/\W+/g, '-')}`);
	const env = Object.entries(runner.env).map(([name, value]) => `${name}=${shellQuote(value ?? '')} `).join('');
	const tui = (stateDir: string) => `exec env -u CI -u NODE_ENV ${env}${runner.program.map(shellQuote).join(' ')} --state-dir ${shellQuote(stateDir)}`;
	// A status of the shipped runbook (validated at build time) writes nothing but a kit's compile cache.
	const warm = spawnSync(runner.program[0]!, [...runner.program.slice(1), '--state-dir', warmDir, 'status'], {encoding: 'utf8', env: {...process.env, ...runner.env}});
	if (warm.status !== 0) {
		throw new Error(`warming the caches failed (exit ${warm.status}): ${warm.stderr}`);
	}

	// One start to the first frame writes the program's code cache for this Node (src/install/code-cache.ts).
	msToText(dir, tui(warmDir), 'New session name');
	const programCache = runner.programCache?.(warmDir);
	for (let look = 0; look < 400 && programCache && !existsSync(programCache); look++) {
		sleepMs(25);
	}

	if (programCache && !existsSync(programCache)) {
		throw new Error(`the first start did not write the program's code cache (${programCache})`);
	}

	// It stays (a pane that exits may be cleared before a capture sees it); the server is killed after.
	const bareCommand = `exec env -u CI ${shellQuote(runner.node)} -e "console.log('ready'); setInterval(() => {}, 60000)"`;
	const bare: number[] = [];
	const warmRuns: number[] = [];
	const firstRuns: number[] = [];
	for (let run = 0; run < runs; run++) {
		bare.push(msToText(dir, bareCommand, 'ready'));
		for (const file of (existsSync(warmDir) ? readdirSync(warmDir) : []).filter(name => name.startsWith('session-'))) {
			rmSync(path.join(warmDir, file), {force: true});
		}

		warmRuns.push(msToText(dir, tui(warmDir), 'New session name'));
		const fresh = path.join(dir, `first-${run}`);
		firstRuns.push(msToText(dir, tui(fresh), 'New session name'));
		rmSync(fresh, {recursive: true, force: true});
	}

	const bareFigure = {name: `${runner.label}: bare node in tmux 80×24, start to "ready" on screen`, unit: 'ms', ...quantiles(bare)};
	const warmFigure = {name: `${runner.label}: TUI in tmux 80×24, start to first interactive frame (warm caches)`, unit: 'ms', ...quantiles(warmRuns)};
	const firstFigure = {name: `${runner.label}: same, first start (empty state directory)`, unit: 'ms', ...quantiles(firstRuns)};
	const ratio = (figure: Figure) => (figure.p50 / bareFigure.p50).toFixed(2);
	return [
		bareFigure,
		{...warmFigure, note: `ratio to bare node (median): ${ratio(warmFigure)} (target ≤ 2.5)`},
		{...firstFigure, note: `ratio to bare node (median): ${ratio(firstFigure)} (target ≤ 3.5)`},
	];
}

/** This machine's node running the bundle, as `npm start` does. */
function bundleRunner(): Runner {
	return {label: `node ${process.version}`, node: process.execPath, program: [process.execPath, cliPath], env: {}, programCache: stateDir => codeCacheFile(stateDir)};
}

/**
The Linux kit as built by `npm run kit`, unpacked and started by its launcher (its Node 24, its
compile cache, the code cache it ships), or why not. HOME points into `dir`: the launcher's
default state directory is not used (--state-dir is always given), but nothing may reach the user's.
*/
function kitRunner(dir: string): Runner | string {
	if (!existsSync(kitArchive('linux-x64'))) {
		return 'the kits\' Node 24 was not measured: run npm run kit first';
	}

	const kit = extractKit('linux-x64', dir);
	const node = path.join(kit, 'node');
	const [version, arch] = execFileSync(node, ['-p', 'process.version + " " + process.arch'], {encoding: 'utf8'}).trim().split(' ');
	const shipsCache = existsSync(kitCodeCacheFile(path.join(kit, 'azs-runbook.mjs'), {version: version!, arch: arch!}));
	const stale = !readFileSync(path.join(kit, 'azs-runbook.mjs')).equals(readFileSync(cliPath));
	return {
		label: `linux kit, node ${version} (its launcher${shipsCache ? ', its shipped code cache' : ''}${stale ? '; its bundle is older than dist\'s: npm run kit rebuilds it' : ''})`,
		node,
		program: [path.join(kit, 'azs-runbook')],
		env: {HOME: path.join(dir, 'home')},
		programCache: shipsCache ? undefined : stateDir => codeCacheFile(stateDir, {version: version!, arch: arch!}),
	};
}

/** The first frame on this machine's node and on the kits' Node 24 (when `npm run kit` has fetched it). */
export function benchFirstFrame(runs = 10): {figures: Figure[]; skipped?: string} {
	const skipped = terminalBenchSkipped();
	if (skipped) {
		return {figures: [], skipped: `first frame in tmux skipped: ${skipped}`};
	}

	const dir = mkdtempSync(path.join(os.tmpdir(), 'azs-bench-frame-'));
	try {
		const load = os.loadavg()[0]!;
		const figures = firstFrameFor(bundleRunner(), path.join(dir, 'node'), runs);
		const notes = [`load average ${load.toFixed(1)} on ${os.availableParallelism()} CPUs at the start; all include tmux server start and polling every ~5 ms`];
		const kit = kitRunner(dir);
		if (typeof kit === 'string') {
			notes.push(kit);
		} else {
			figures.push(...firstFrameFor(kit, path.join(dir, 'kit'), runs));
		}

		figures[0] = {...figures[0]!, note: notes.join('; ')};
		return {figures};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
