import {spawnSync} from 'node:child_process';
import {closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {cliPath} from './startup.js';
import {quantiles, type Figure} from './stats.js';
import {BenchTerminal, rssMb, shellQuote, sleepMs, terminalBenchSkipped} from './tmux.js';

/** A runbook with one check that fails fast (nothing listens on 127.0.0.1:1: ECONNREFUSED). */
const runbookYaml = `id: bench-watch
title: Bench watch runbook
version: "1"
description: written by bench/tui-memory.ts
phases:
  - id: checks
    title: Checks
    body: One check that fails.
    steps:
      - {kind: check, id: port-closed, title: Port closed, body: Nothing listens there., check: tcp.connect, params: {host: 127.0.0.1, port: 1, timeoutMs: 1000}}
      - {kind: instruction, id: end, title: End, body: The end.}
`;

/** Counts `check.finished` entries as the journal grows, reading only what was appended since. */
class JournalCounter {
	private offset = 0;
	private rest = '';
	count = 0;

	constructor(private readonly file: string) {}

	read(): number {
		if (!existsSync(this.file)) {
			return this.count;
		}

		const fd = openSync(this.file, 'r');
		try {
			const buffer = Buffer.alloc(1 << 16);
			for (;;) {
				const bytes = readSync(fd, buffer, 0, buffer.length, this.offset);
				if (bytes === 0) {
					break;
				}

				this.offset += bytes;
				const lines = (this.rest + buffer.toString('utf8', 0, bytes)).split('\n');
				this.rest = lines.pop()!;
				this.count += lines.filter(line => line.includes('"type":"check.finished"')).length;
			}
		} finally {
			closeSync(fd);
		}

		return this.count;
	}
}

/** What bench/tui-probe.mjs reports after a full garbage collection. */
type Probe = {heapUsed: number; rss: number; measures: number; marks: number};

type Sample = {rest: number; checkpoints: number[]; iterationsPerSecond: number; afterGc: Probe};

const probeModule = pathToFileURL(path.join(import.meta.dirname, 'tui-probe.mjs')).href;


/** The pane's process must be node itself (the shell and `env` exec it), or its RSS is not the TUI's. */
function nodePid(term: BenchTerminal): number {
	const pid = term.panePid();
	const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!;
	if (argv0 !== process.execPath) {
		throw new Error(`the pane's process ${pid} is ${argv0}, not node`);
	}

	return pid;
}

/**
One run: start the TUI on the failing-check runbook, idle after the first frame, read RSS; open a
session, run the check (it fails), start watch mode and let it re-run the check, reading RSS at each
checkpoint (counted by `check.finished` entries in the journal, the first manual run not counted).
Then the probe preloaded into the TUI (bench/tui-probe.mjs) collects garbage and reports the heap.
*/
function measureRun(dir: string, runbook: string, checkpoints: number[], options: {idleMs: number; timeoutMs: number; env: string}): Sample {
	// A fresh session each run; the runbook cache beside the sessions stays warm.
	const stateDir = path.join(dir, 'state');
	for (const file of readdirSync(stateDir).filter(name => name.startsWith('session-'))) {
		rmSync(path.join(stateDir, file), {force: true});
	}

	const last = checkpoints.at(-1)!;
	const probeFile = path.join(dir, 'probe.json');
	rmSync(probeFile, {force: true});
	const env = `${options.env} ${shellQuote(`NODE_OPTIONS=--import=${probeModule}`)} AZS_BENCH_PROBE_OUT=${shellQuote(probeFile)} AZS_WATCH_BASE_MS=1 AZS_WATCH_CAP_MS=1 AZS_WATCH_MAX_ATTEMPTS=${last * 2}`;
	const command = `exec env -u CI ${env} ${shellQuote(process.execPath)} ${shellQuote(cliPath)} --runbook ${shellQuote(runbook)} --state-dir ${shellQuote(stateDir)}`;
	const term = new BenchTerminal(dir);
	try {
		term.start(command);
		term.waitFor('New session name', 10_000, 5);
		const pid = nodePid(term);
		sleepMs(options.idleMs);
		const rest = rssMb(pid);

		term.send('Enter');
		term.waitFor('Port closed · check', 10_000, 5);
		term.send('r');
		term.waitFor('✖ failed', 10_000, 5);
		const journal = new JournalCounter(path.join(stateDir, 'session-s.journal.jsonl'));
		const before = journal.read();
		if (before !== 1) {
			throw new Error(`expected one check.finished entry before watching, found ${before}`);
		}

		term.send('w');
		term.waitFor('Watching port-closed until it passes', 10_000, 5);
		const started = performance.now();
		const deadline = started + options.timeoutMs;
		const rss: number[] = [];
		let done = 0;
		for (const checkpoint of checkpoints) {
			while (done < checkpoint) {
				if (performance.now() > deadline) {
					throw new Error(`only ${done} watch iterations within ${options.timeoutMs} ms; screen:\n${term.screen()}`);
				}

				// The 1 ms back-off starts the next run on the next 100 ms tick; "r" (run now) skips that wait.
				// A press while a run is in progress changes nothing.
				term.send('r');
				const pressed = done;
				const waitUntil = performance.now() + 20;
				while ((done = journal.read() - before) === pressed && performance.now() < waitUntil) {
					sleepMs(1);
				}
			}

			rss.push(rssMb(pid));
		}

		const iterationsPerSecond = done / ((performance.now() - started) / 1000);
		if (!/attempt \d+ of \d+/.test(term.screen())) {
			throw new Error(`the watch screen is gone; screen:\n${term.screen()}`);
		}

		// Last, after every RSS reading: a full collection in the TUI, then what is still in use.
		process.kill(pid, 'SIGUSR2');
		const probeDeadline = performance.now() + 10_000;
		while (!existsSync(probeFile)) {
			if (performance.now() > probeDeadline) {
				throw new Error('the TUI did not answer the memory probe (SIGUSR2) within 10 s');
			}

			sleepMs(10);
		}

		const afterGc = JSON.parse(readFileSync(probeFile, 'utf8')) as Probe;
		return {rest, checkpoints: rss, iterationsPerSecond, afterGc};
	} finally {
		term.dispose();
	}
}

/**
Resident memory (VmRSS) of the TUI, the real binary in an 80×24 tmux pane: at rest (first frame,
then idle), and after 500 and 1000 watch-mode iterations of a failing check with the back-off
shortened to 1 ms (AZS_WATCH_BASE_MS / AZS_WATCH_CAP_MS / AZS_WATCH_MAX_ATTEMPTS). Each iteration
appends check.started and check.finished to the journal and rewrites the state file.

Run by run, the same again with NODE_ENV=production set from outside. The binary now sets it itself
when NODE_ENV is unset (src/cli.ts): React's development build, which this benchmark first caught,
recorded a performance measure per component render into node's global performance timeline and
never cleared them (~40 MB per 1,000 iterations). The two rows should now agree; growth that a full
collection gives back is garbage not yet collected, not a leak.
*/
export function benchTuiMemory(runs = 5, iterations = 1000): {figures: Figure[]; skipped?: string} {
	const skipped = terminalBenchSkipped();
	if (skipped) {
		return {figures: [], skipped: `TUI memory in tmux skipped: ${skipped}`};
	}

	const dir = mkdtempSync(path.join(os.tmpdir(), 'azs-bench-memory-'));
	try {
		const runbook = path.join(dir, 'bench-watch.yaml');
		writeFileSync(runbook, runbookYaml);
		const warm = spawnSync(process.execPath, [cliPath, '--runbook', runbook, '--state-dir', path.join(dir, 'state'), 'status'], {encoding: 'utf8'});
		if (warm.status !== 0) {
			throw new Error(`warming the runbook cache failed (exit ${warm.status}): ${warm.stderr}`);
		}

		const half = Math.round(iterations / 2);
		const shipped: Sample[] = [];
		const production: Sample[] = [];
		for (let run = 0; run < runs; run++) {
			shipped.push(measureRun(dir, runbook, [half, iterations], {idleMs: 1000, timeoutMs: 120_000, env: '-u NODE_ENV'}));
			production.push(measureRun(dir, runbook, [half, iterations], {idleMs: 1000, timeoutMs: 120_000, env: 'NODE_ENV=production'}));
		}

		const median = (values: number[]) => quantiles(values).p50;
		const growthNote = (samples: Sample[]) => {
			const firstHalf = median(samples.map(sample => sample.checkpoints[0]! - sample.rest));
			const secondHalf = median(samples.map(sample => sample.checkpoints[1]! - sample.checkpoints[0]!));
			const rate = median(samples.map(sample => sample.iterationsPerSecond));
			return `median growth: first ${half} ${firstHalf.toFixed(1)} MB, next ${iterations - half} ${secondHalf.toFixed(1)} MB; ${rate.toFixed(0)} iterations/s`;
		};

		const mb = (bytes: number) => bytes / 1024 / 1024;
		const heapNote = (samples: Sample[]) => {
			const measures = median(samples.map(sample => sample.afterGc.measures));
			const rss = median(samples.map(sample => mb(sample.afterGc.rss)));
			return `performance timeline entries retained (median): ${measures} measures; RSS after the collection ${rss.toFixed(1)} MB`;
		};

		const productionRest = median(production.map(sample => sample.rest));
		const productionEnd = median(production.map(sample => sample.checkpoints[1]!));
		return {
			figures: [
				{name: 'TUI resident memory at rest (first frame, idle 1 s)', unit: 'MB', ...quantiles(shipped.map(sample => sample.rest))},
				{name: `TUI resident memory after ${half} watch iterations of a failing check`, unit: 'MB', ...quantiles(shipped.map(sample => sample.checkpoints[0]!))},
				{name: `TUI resident memory after ${iterations} watch iterations`, unit: 'MB', ...quantiles(shipped.map(sample => sample.checkpoints[1]!))},
				{name: `growth of resident memory over ${iterations} watch iterations`, unit: 'MB', ...quantiles(shipped.map(sample => sample.checkpoints[1]! - sample.rest)), note: `${growthNote(shipped)}; as shipped (NODE_ENV unset; the TUI selects React's production build)`},
				{name: `JS heap in use after ${iterations} watch iterations and a full collection`, unit: 'MB', ...quantiles(shipped.map(sample => mb(sample.afterGc.heapUsed))), note: heapNote(shipped)},
				{
					name: 'same growth of resident memory with NODE_ENV=production (React production build)',
					unit: 'MB',
					...quantiles(production.map(sample => sample.checkpoints[1]! - sample.rest)),
					note: `${growthNote(production)}; median at rest ${productionRest.toFixed(1)} MB, after ${iterations} ${productionEnd.toFixed(1)} MB`,
				},
				{name: 'same JS heap in use after a full collection with NODE_ENV=production', unit: 'MB', ...quantiles(production.map(sample => mb(sample.afterGc.heapUsed))), note: heapNote(production)},
			],
		};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
