import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {cliPath} from './startup.js';
import {quantiles, type Figure} from './stats.js';
import {BenchTerminal, shellQuote, terminalBenchSkipped} from './tmux.js';

/** Starts `command` in a fresh 80×24 tmux server and polls the screen until `text` shows: wall ms. */
function msToText(dir: string, command: string, text: string): number {
	const term = new BenchTerminal(dir);
	try {
		const started = performance.now();
		term.start(command);
		term.waitFor(text, 10_000, 5);
		return performance.now() - started;
	} finally {
		term.dispose();
	}
}

/**
Time to the TUI's first interactive frame in a real terminal: from `tmux new-session` (a fresh
server each time) until `capture-pane` shows the start screen's "New session name", polled every
~5 ms plus a capture's own time. The runbook cache is warm (one `status` first) and the sessions are
removed between runs, so every start is a fresh start screen. Side by side, interleaved run by run:
bare node printing a word (then idling until killed) in the same terminal set-up, polled the same way.
*/
export function benchFirstFrame(runs = 10): {figures: Figure[]; skipped?: string} {
	const skipped = terminalBenchSkipped();
	if (skipped) {
		return {figures: [], skipped: `first frame in tmux skipped: ${skipped}`};
	}

	const dir = mkdtempSync(path.join(os.tmpdir(), 'azs-bench-frame-'));
	try {
		const stateDir = path.join(dir, 'state');
		const warm = spawnSync(process.execPath, [cliPath, '--state-dir', stateDir, 'status'], {encoding: 'utf8'});
		if (warm.status !== 0) {
			throw new Error(`warming the runbook cache failed (exit ${warm.status}): ${warm.stderr}`);
		}

		const node = shellQuote(process.execPath);
		const tuiCommand = `exec env -u CI -u NODE_ENV ${node} ${shellQuote(cliPath)} --state-dir ${shellQuote(stateDir)}`;
		// It stays (a pane that exits may be cleared before a capture sees it); the server is killed after.
		const bareCommand = `exec env -u CI ${node} -e "console.log('ready'); setInterval(() => {}, 60000)"`;
		const load = os.loadavg()[0]!;
		const bare: number[] = [];
		const tui: number[] = [];
		for (let run = 0; run < runs; run++) {
			bare.push(msToText(dir, bareCommand, 'ready'));
			for (const file of readdirSync(stateDir).filter(name => name.startsWith('session-'))) {
				rmSync(path.join(stateDir, file), {force: true});
			}

			tui.push(msToText(dir, tuiCommand, 'New session name'));
		}

		const bareFigure = {name: 'bare node in tmux 80×24: start to "ready" on screen', unit: 'ms', ...quantiles(bare)};
		const tuiFigure = {name: 'TUI in tmux 80×24: start to first interactive frame (warm runbook cache)', unit: 'ms', ...quantiles(tui)};
		return {figures: [bareFigure, {...tuiFigure, note: `ratio to bare node in tmux (median): ${(tuiFigure.p50 / bareFigure.p50).toFixed(2)}; both include tmux server start and polling every ~5 ms; load average ${load.toFixed(1)} on ${os.availableParallelism()} CPUs at the start`}]};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
