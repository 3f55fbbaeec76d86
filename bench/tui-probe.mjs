// Preloaded into the TUI by bench/tui-memory.ts (NODE_OPTIONS=--import): on SIGUSR2 it runs a full
// garbage collection and writes what is still in use, and how many entries node's global
// performance timeline holds, as JSON to AZS_BENCH_PROBE_OUT. It does nothing until signalled.
import {renameSync, writeFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import v8 from 'node:v8';
import vm from 'node:vm';

const out = process.env.AZS_BENCH_PROBE_OUT;
if (out) {
	process.on('SIGUSR2', () => {
		v8.setFlagsFromString('--expose-gc');
		const gc = vm.runInNewContext('gc');
		gc();
		const usage = process.memoryUsage();
		writeFileSync(`${out}.tmp`, JSON.stringify({
			heapUsed: usage.heapUsed,
			rss: usage.rss,
			measures: performance.getEntriesByType('measure').length,
			marks: performance.getEntriesByType('mark').length,
		}));
		renameSync(`${out}.tmp`, out);
	});
}
