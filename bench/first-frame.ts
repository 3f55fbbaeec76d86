import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {codeCacheFile} from '../src/install/code-cache.js';
import {kitLinuxNode} from '../test/install/kits.js';
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

/**
Time to the TUI's first interactive frame in a real terminal, for one Node binary: from
`tmux new-session` (a fresh server each time) until `capture-pane` shows the start screen's "New
session name", polled every ~5 ms plus a capture's own time. Interleaved run by run, so machine
noise hits all three alike:
- bare node printing a word (then idling until killed) in the same terminal set-up;
- warm: the state directory's caches (the program's code cache, written after a first frame; for
  the kit's Node also the compile cache its launcher turns on) filled by earlier starts, sessions
  removed between runs, so every start is a fresh start screen;
- first start: a new, empty state directory every run (no cache of any kind).
*/
function firstFrameFor(node: string, label: string, dir: string, runs: number, asKit: boolean): Figure[] {
	const warmDir = path.join(dir, `warm-${label}`);
	// The kit's launcher turns on Node's compile cache in the state directory (kit/azs-runbook).
	const cacheFor = (stateDir: string) => (asKit ? path.join(stateDir, 'cache', 'v8') : undefined);
	const warm = spawnSync(node, [cliPath, '--state-dir', warmDir, 'status'], {encoding: 'utf8', env: {...process.env, ...(asKit ? {NODE_COMPILE_CACHE: cacheFor(warmDir)} : {})}});
	if (warm.status !== 0) {
		throw new Error(`warming the caches failed (exit ${warm.status}): ${warm.stderr}`);
	}

	const tui = (stateDir: string) => `exec env -u CI -u NODE_ENV ${asKit ? `NODE_COMPILE_CACHE=${shellQuote(cacheFor(stateDir)!)} ` : ''}${shellQuote(node)} ${shellQuote(cliPath)} --state-dir ${shellQuote(stateDir)}`;
	// One start to the first frame writes the program's code cache for this Node (src/install/code-cache.ts).
	const [version, arch] = execFileSync(node, ['-p', 'process.version + " " + process.arch'], {encoding: 'utf8'}).trim().split(' ');
	const programCache = codeCacheFile(warmDir, {version: version!, arch: arch!});
	msToText(dir, tui(warmDir), 'New session name');
	for (let look = 0; look < 400 && !existsSync(programCache); look++) {
		sleepMs(25);
	}

	if (!existsSync(programCache)) {
		throw new Error(`the first start did not write the program's code cache (${programCache})`);
	}

	// It stays (a pane that exits may be cleared before a capture sees it); the server is killed after.
	const bareCommand = `exec env -u CI ${shellQuote(node)} -e "console.log('ready'); setInterval(() => {}, 60000)"`;
	const bare: number[] = [];
	const warmRuns: number[] = [];
	const firstRuns: number[] = [];
	for (let run = 0; run < runs; run++) {
		bare.push(msToText(dir, bareCommand, 'ready'));
		// A status of the shipped runbook (validated at build time) writes nothing but the kit's compile cache.
		for (const file of (existsSync(warmDir) ? readdirSync(warmDir) : []).filter(name => name.startsWith('session-'))) {
			rmSync(path.join(warmDir, file), {force: true});
		}

		warmRuns.push(msToText(dir, tui(warmDir), 'New session name'));
		const fresh = path.join(dir, `first-${label}-${run}`);
		firstRuns.push(msToText(dir, tui(fresh), 'New session name'));
		rmSync(fresh, {recursive: true, force: true});
	}

	const bareFigure = {name: `${label}: bare node in tmux 80×24, start to "ready" on screen`, unit: 'ms', ...quantiles(bare)};
	const warmFigure = {name: `${label}: TUI in tmux 80×24, start to first interactive frame (warm caches)`, unit: 'ms', ...quantiles(warmRuns)};
	const firstFigure = {name: `${label}: same, first start (empty state directory)`, unit: 'ms', ...quantiles(firstRuns)};
	const ratio = (figure: Figure) => (figure.p50 / bareFigure.p50).toFixed(2);
	return [
		bareFigure,
		{...warmFigure, note: `ratio to bare node (median): ${ratio(warmFigure)} (target ≤ 2.5)`},
		{...firstFigure, note: `ratio to bare node (median): ${ratio(firstFigure)} (target ≤ 3.5)`},
	];
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
		const figures = firstFrameFor(process.execPath, `node ${process.version}`, dir, runs, false);
		const node24 = kitLinuxNode(dir);
		const notes = [`load average ${load.toFixed(1)} on ${os.availableParallelism()} CPUs at the start; all include tmux server start and polling every ~5 ms`];
		if (node24) {
			const version = execFileSync(node24, ['--version'], {encoding: 'utf8'}).trim();
			figures.push(...firstFrameFor(node24, `kit node ${version} (as its launcher starts it)`, dir, runs, true));
		} else {
			notes.push('the kits\' Node 24 was not measured: run npm run kit first');
		}

		figures[0] = {...figures[0]!, note: notes.join('; ')};
		return {figures};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
