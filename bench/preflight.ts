import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {cleanStaleLabs, labDown, labUp} from '../test/lab/lab.js';
import {labPreflight} from '../test/lab/preflight.js';
import {quantiles, type Figure} from './stats.js';

type Timing = {wallMs: number; probes: number[]; endpoints: number; dnsProbes: number};

/**
The full DVM-egress preflight against the network lab, from the DVM namespace: wall time of the
phase as the engine runs it, the slowest single probe, and the same phase one probe at a time.
Needs root (network namespaces); otherwise it says why and returns nothing.
*/
export function benchPreflight(runs = 3): {figures: Figure[]; skipped?: string} {
	const prefix = `azb${process.pid % 10_000}`;
	const check = labPreflight(prefix);
	if (!check.ok) {
		return {figures: [], skipped: `preflight against the lab skipped: ${check.reason}`};
	}

	cleanStaleLabs();
	const lab = labUp(prefix);
	try {
		const worker = path.join(import.meta.dirname, 'preflight-worker.ts');
		const result = spawnSync('ip', ['netns', 'exec', `${prefix}-dvm`, process.execPath, '--import', 'tsx', worker, path.join(lab.pkiDir, 'labca.crt'), String(runs)], {encoding: 'utf8', timeout: 300_000});
		if (result.status !== 0) {
			throw new Error(`preflight worker failed: ${result.stderr}`);
		}

		const {parallel, sequential} = JSON.parse(result.stdout) as {parallel: Timing[]; sequential: Timing[]};
		const slowest = parallel.map(run => Math.max(...run.probes));
		const sums = parallel.map(run => run.probes.reduce((total, probe) => total + probe, 0));
		const first = parallel[0]!;
		const totalFigure = {name: `DVM-egress preflight, parallel (${first.endpoints} endpoint probes: egress and TLS; ${first.dnsProbes} DNS probes over UDP and TCP; NTP)`, unit: 'ms', ...quantiles(parallel.map(run => run.wallMs))};
		const slowestFigure = {name: 'slowest single probe in that run', unit: 'ms', ...quantiles(slowest)};
		const sequentialFigure = {name: 'same phase, one probe at a time', unit: 'ms', ...quantiles(sequential.map(run => run.wallMs))};
		const sumFigure = {name: 'sum of all probe durations', unit: 'ms', ...quantiles(sums)};
		return {
			figures: [
				{...totalFigure, note: `total ÷ slowest probe ${(totalFigure.p50 / slowestFigure.p50).toFixed(2)}; total ÷ one-by-one ${(totalFigure.p50 / sequentialFigure.p50).toFixed(3)}; total ÷ sum of probes ${(totalFigure.p50 / sumFigure.p50).toFixed(3)}`},
				slowestFigure,
				sequentialFigure,
				sumFigure,
			],
		};
	} finally {
		labDown(lab);
	}
}
