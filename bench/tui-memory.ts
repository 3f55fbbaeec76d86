import {execFileSync, spawnSync} from 'node:child_process';
import {closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {kitLinuxNode} from '../test/install/kits.js';
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

/** What bench/tui-probe.mjs reports after a full garbage collection (bytes). */
type Probe = {
	heapUsed: number;
	heapTotal: number;
	external: number;
	arrayBuffers: number;
	rss: number;
	wasmMemory: number;
	/** V8's heap spaces (committed size and use) just before the collection and after it. */
	spacesBeforeGc: Record<string, {size: number; used: number}>;
	spaces: Record<string, {size: number; used: number}>;
	measures: number;
	marks: number;
};

/** Resident memory (MB) by kind of mapping, from /proc/PID/smaps. */
type Breakdown = Record<'v8 heap and other anonymous' | 'malloc arenas' | 'brk heap' | 'code and files', number>;

type Sample = {rest: number; restBreakdown: Breakdown; checkpoints: number[]; endBreakdown: Breakdown; iterationsPerSecond: number; afterGc: Probe};

const probeModule = pathToFileURL(path.join(import.meta.dirname, 'tui-probe.mjs')).href;

/**
Where resident memory sits: file-backed mappings (node's code, libraries), the brk heap, glibc's
malloc arenas (64 MB-aligned anonymous mappings of the worker threads) and the rest of the
anonymous memory, mostly V8's heap pages (WebAssembly memory, Yoga's, is reported by the probe).
*/
function breakdown(pid: number): Breakdown {
	const result: Breakdown = {'v8 heap and other anonymous': 0, 'malloc arenas': 0, 'brk heap': 0, 'code and files': 0};
	let kind: keyof Breakdown = 'v8 heap and other anonymous';
	for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
		const mapping = /^([\da-f]+)-[\da-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
		if (mapping) {
			const start = BigInt(`0x${mapping[1]!}`);
			const name = mapping[2]!.trim();
			kind = name === '[heap]' ? 'brk heap'
				: name.startsWith('/') ? 'code and files'
					: name === '' && start >= 0x7f_00_0000_0000n && start % (64n << 20n) === 0n ? 'malloc arenas'
						: 'v8 heap and other anonymous';
		} else if (line.startsWith('Rss:')) {
			result[kind] += Number(/\d+/.exec(line)![0]) / 1024;
		}
	}

	return result;
}

/** The pane's process must be node itself (the shell and `env` exec it), or its RSS is not the TUI's. */
function nodePid(term: BenchTerminal, node: string): number {
	const pid = term.panePid();
	const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!;
	if (argv0 !== node) {
		throw new Error(`the pane's process ${pid} is ${argv0}, not node`);
	}

	return pid;
}

/**
One run: start the TUI on the failing-check runbook, idle after the first frame, read RSS; open a
session, run the check (it fails), start watch mode and let it re-run the check on a 1 ms back-off,
reading RSS at each checkpoint (counted by `check.finished` entries in the
journal, the first manual run not counted). Then the probe preloaded into the TUI
(bench/tui-probe.mjs) collects garbage and reports what is still in use.
*/
function measureRun(node: string, dir: string, runbook: string, checkpoints: number[], options: {idleMs: number; timeoutMs: number; asKit: boolean}): Sample {
	// A fresh session each run; the runbook cache beside the sessions stays warm.
	const stateDir = path.join(dir, 'state');
	for (const file of readdirSync(stateDir).filter(name => name.startsWith('session-'))) {
		rmSync(path.join(stateDir, file), {force: true});
	}

	const last = checkpoints.at(-1)!;
	const probeFile = path.join(dir, 'probe.json');
	rmSync(probeFile, {force: true});
	const env = `-u NODE_ENV ${shellQuote(`NODE_OPTIONS=--import=${probeModule}`)} AZS_BENCH_PROBE_OUT=${shellQuote(probeFile)} AZS_WATCH_BASE_MS=1 AZS_WATCH_CAP_MS=1 AZS_WATCH_MAX_ATTEMPTS=${last * 2}`
		// The kit's launcher turns on Node's compile cache in the state directory (kit/azs-runbook).
		+ (options.asKit ? ` NODE_COMPILE_CACHE=${shellQuote(path.join(stateDir, 'cache', 'v8'))}` : '');
	const command = `exec env -u CI ${env} ${shellQuote(node)} ${shellQuote(cliPath)} --runbook ${shellQuote(runbook)} --state-dir ${shellQuote(stateDir)}`;
	const term = new BenchTerminal(dir);
	try {
		term.start(command);
		term.waitFor('New session name', 10_000, 5);
		const pid = nodePid(term, node);
		sleepMs(options.idleMs);
		const rest = rssMb(pid);
		const restBreakdown = breakdown(pid);

		term.send('Enter');
		term.waitFor('Port closed · check', 10_000, 5);
		term.send('r');
		term.waitFor('✖ failed', 10_000, 5);
		const journal = new JournalCounter(path.join(stateDir, 'session-default.journal.jsonl'));
		const before = journal.read();
		if (before !== 1) {
			throw new Error(`expected one check.finished entry before watching, found ${before}; screen:\n${term.screen()}`);
		}

		term.send('w');
		term.waitFor('Watching port-closed until it passes', 10_000, 5);
		const started = performance.now();
		const deadline = started + options.timeoutMs;
		const rss: number[] = [];
		let done = 0;
		for (const checkpoint of checkpoints) {
			// The watch re-runs by itself; the benchmark only reads the journal's growth.
			while ((done = journal.read() - before) < checkpoint) {
				if (performance.now() > deadline) {
					throw new Error(`only ${done} watch iterations within ${options.timeoutMs} ms; screen:\n${term.screen()}`);
				}

				sleepMs(5);
			}

			rss.push(rssMb(pid));
		}

		const iterationsPerSecond = done / ((performance.now() - started) / 1000);
		const endBreakdown = breakdown(pid);
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
		return {rest, restBreakdown, checkpoints: rss, endBreakdown, iterationsPerSecond, afterGc};
	} finally {
		term.dispose();
	}
}

/** Targets from the issue: resident memory at rest and after the long watch. */
export const memoryTargets = {restMb: 90, afterWatchMb: 150};

/** The figures of one node's runs: at rest, at the end, the second half's growth, and what a full collection leaves. */
function memoryFigures(label: string, samples: Sample[], checkpoints: number[]): Figure[] {
	const iterations = checkpoints.at(-1)!;
	const half = checkpoints[4]!;
	const median = (values: number[]) => quantiles(values).p50;
	const mb = (bytes: number) => bytes / 1024 / 1024;
	const at = (index: number) => median(samples.map(sample => sample.checkpoints[index]!));
	const firstHalf = median(samples.map(sample => sample.checkpoints[4]! - sample.rest));
	const secondHalf = median(samples.map(sample => sample.checkpoints[9]! - sample.checkpoints[4]!));
	const rate = median(samples.map(sample => sample.iterationsPerSecond));
	const curve = checkpoints.map((checkpoint, index) => `${checkpoint}: ${at(index).toFixed(0)}`).join(', ');
	const kinds = (pick: (sample: Sample) => Breakdown) => Object.keys(samples[0]!.restBreakdown)
		.map(kind => `${kind} ${median(samples.map(sample => pick(sample)[kind as keyof Breakdown])).toFixed(1)}`).join(', ');
	const probe = (key: 'heapTotal' | 'external' | 'arrayBuffers' | 'wasmMemory' | 'rss') => median(samples.map(sample => mb(sample.afterGc[key]))).toFixed(1);
	const space = (name: string) => median(samples.map(sample => mb(sample.afterGc.spacesBeforeGc[name]?.size ?? 0))).toFixed(1);
	const rest = quantiles(samples.map(sample => sample.rest));
	const peak = quantiles(samples.map(sample => Math.max(...sample.checkpoints)));
	const end = quantiles(samples.map(sample => sample.checkpoints[9]!));
	const verdict = (value: number, target: number) => `target ≤ ${target} MB: ${value <= target ? 'met' : 'NOT met'}`;
	return [
		{name: `${label}: TUI resident memory at rest (first frame, idle 1 s)`, unit: 'MB', ...rest, note: `${verdict(rest.p50, memoryTargets.restMb)} (p50); by kind (MB): ${kinds(sample => sample.restBreakdown)}`},
		{name: `${label}: TUI resident memory after ${iterations} watch iterations of a failing check`, unit: 'MB', ...end, note: `${verdict(end.p50, memoryTargets.afterWatchMb)} (p50); median MB by iterations: ${curve}; by kind (MB): ${kinds(sample => sample.endBreakdown)}`},
		{name: `${label}: highest of the ten readings during the watch`, unit: 'MB', ...peak, note: `${verdict(peak.max, memoryTargets.afterWatchMb)} (max)`},
		{name: `${label}: growth of resident memory over the second ${iterations - half} watch iterations`, unit: 'MB', ...quantiles(samples.map(sample => sample.checkpoints[9]! - sample.checkpoints[4]!)), note: `first ${half}: ${firstHalf.toFixed(1)} MB, next ${iterations - half}: ${secondHalf.toFixed(1)} MB; ${rate.toFixed(0)} iterations/s`},
		{name: `${label}: JS heap in use after ${iterations} watch iterations and a full collection`, unit: 'MB', ...quantiles(samples.map(sample => mb(sample.afterGc.heapUsed))), note: `before the collection V8 had committed ${space('new_space')} MB to the young generation and ${space('old_space')} MB to the old; after it, heap committed ${probe('heapTotal')} MB, external ${probe('external')} MB (array buffers ${probe('arrayBuffers')} MB), Yoga's WebAssembly memory ${probe('wasmMemory')} MB (reserved; its resident part is in the breakdown's anonymous memory), RSS after the collection ${probe('rss')} MB; performance measures retained ${median(samples.map(sample => sample.afterGc.measures))}`},
	];
}

/**
Resident memory (VmRSS) of the TUI, the real binary in an 80×24 tmux pane: at rest (first frame,
then idle), then every tenth of `iterations` watch-mode iterations of a failing check with the
back-off shortened to 1 ms (AZS_WATCH_BASE_MS / AZS_WATCH_CAP_MS / AZS_WATCH_MAX_ATTEMPTS); the
screen ticks every 100 ms as usual. Each iteration appends check.started and check.finished to the
journal, rewrites the state file and re-renders the watch screen.

"Levels off" is read from the growth over the second half of the iterations, which must be small
next to the first half's (V8 and malloc fill up to their working sizes there). NODE_ENV is unset,
as an operator runs it: the bundle is built with React's production build (an earlier development
build recorded a performance measure per render and never cleared them, ~40 MB per 1,000
iterations). Where the memory sits is broken down from /proc/PID/smaps at rest and at the end, and
the probe reports the JS heap, external memory and Yoga's WebAssembly memory after a full collection.
*/
export function benchTuiMemory(runs = 3, iterations = 10_000): {figures: Figure[]; skipped?: string} {
	const skipped = terminalBenchSkipped();
	if (skipped) {
		return {figures: [], skipped: `TUI memory in tmux skipped: ${skipped}`};
	}

	// On tmpfs where there is one: every iteration fsyncs the journal and the state file, and on a
	// disk that (not memory) sets the pace; durable saves have their own figure.
	const dir = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'azs-bench-memory-'));
	try {
		const runbook = path.join(dir, 'bench-watch.yaml');
		writeFileSync(runbook, runbookYaml);
		const warm = spawnSync(process.execPath, [cliPath, '--runbook', runbook, '--state-dir', path.join(dir, 'state'), 'status'], {encoding: 'utf8'});
		if (warm.status !== 0) {
			throw new Error(`warming the runbook cache failed (exit ${warm.status}): ${warm.stderr}`);
		}

		const step = Math.max(1, Math.round(iterations / 10));
		const checkpoints = Array.from({length: 10}, (_, index) => Math.min(iterations, step * (index + 1)));
		const load = os.loadavg()[0]!;
		const node24 = kitLinuxNode(dir);
		const nodes = [{node: process.execPath, label: `node ${process.version}`, asKit: false}];
		if (node24) {
			nodes.push({node: node24, label: `kit node ${execFileSync(node24, ['--version'], {encoding: 'utf8'}).trim()} (as its launcher starts it)`, asKit: true});
		}

		const figures = nodes.flatMap(({node, label, asKit}) => {
			const samples: Sample[] = [];
			for (let run = 0; run < runs; run++) {
				samples.push(measureRun(node, dir, runbook, checkpoints, {idleMs: 1000, timeoutMs: Math.max(120_000, iterations * 100), asKit}));
			}

			return memoryFigures(label, samples, checkpoints);
		});
		const notes = [`load average ${load.toFixed(1)} on ${os.availableParallelism()} CPUs at the start`, node24 ? '' : 'the kits\' Node 24 was not measured: run npm run kit first'].filter(Boolean);
		figures[0] = {...figures[0]!, note: `${notes.join('; ')}; ${figures[0]!.note ?? ''}`};
		return {figures};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
