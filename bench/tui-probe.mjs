// Preloaded into the TUI by bench/tui-memory.ts (NODE_OPTIONS=--import): on SIGUSR2 it runs a full
// garbage collection and writes what is still in use (process.memoryUsage(), the WebAssembly
// memories instantiated so far — Yoga's — and how many entries node's global performance timeline
// holds) as JSON to AZS_BENCH_PROBE_OUT. Until signalled it only notes each WebAssembly instance.
import {renameSync, writeFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import v8 from 'node:v8';
import vm from 'node:vm';

const out = process.env.AZS_BENCH_PROBE_OUT;
if (out) {
	const wasm = globalThis.WebAssembly;
	const memories = new Set();
	const instantiate = wasm.instantiate;
	wasm.instantiate = async (...args) => {
		const result = await instantiate.apply(wasm, args);
		const instance = result instanceof wasm.Instance ? result : result.instance;
		for (const value of Object.values(instance.exports)) {
			if (value instanceof wasm.Memory) {
				memories.add(value);
			}
		}

		return result;
	};

	process.on('SIGUSR2', () => {
		const spaces = () => Object.fromEntries(v8.getHeapSpaceStatistics().map(space => [space.space_name, {size: space.space_size, used: space.space_used_size}]));
		const spacesBeforeGc = spaces();
		v8.setFlagsFromString('--expose-gc');
		const gc = vm.runInNewContext('gc');
		gc();
		const usage = process.memoryUsage();
		writeFileSync(`${out}.tmp`, JSON.stringify({
			heapUsed: usage.heapUsed,
			heapTotal: usage.heapTotal,
			external: usage.external,
			arrayBuffers: usage.arrayBuffers,
			rss: usage.rss,
			wasmMemory: [...memories].reduce((total, memory) => total + memory.buffer.byteLength, 0),
			spacesBeforeGc,
			spaces: spaces(),
			measures: performance.getEntriesByType('measure').length,
			marks: performance.getEntriesByType('mark').length,
		}));
		renameSync(`${out}.tmp`, out);
	});
}
