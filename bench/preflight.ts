import {spawn, spawnSync} from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import {inNs, sh, sleepSync, trySh} from '../test/lab/exec.js';
import {cleanStaleLabs, labDown, labUp, type LabState} from '../test/lab/lab.js';
import {ip} from '../test/lab/lab-config.js';
import {labPreflight} from '../test/lab/preflight.js';
import {nsName} from '../test/lab/topology.js';
import {quantiles, type Figure} from './stats.js';

type Timing = {wallMs: number; probes: number[]; endpoints: number; dnsProbes: number; steps: Array<{id: string; ms: number}>};

/** The target: the whole phase within this many times its slowest probe. */
export const preflightTarget = 1.3;

/** The delay added on the uplink for the "realistic round trip" figures. */
const uplinkDelayMs = 40;

/** Runs the DVM-egress phase in the lab's DVM namespace (bench/preflight-worker.ts), `runs` times each way. */
function runWorker(lab: LabState, runs: number): {parallel: Timing[]; sequential: Timing[]} {
	const worker = path.join(import.meta.dirname, 'preflight-worker.ts');
	const result = spawnSync('ip', ['netns', 'exec', nsName(lab.prefix, 'dvm'), process.execPath, '--import', 'tsx', worker, path.join(lab.pkiDir, 'labca.crt'), String(runs)], {encoding: 'utf8', timeout: 600_000});
	if (result.status !== 0) {
		throw new Error(`preflight worker failed: ${result.stderr}`);
	}

	return JSON.parse(result.stdout) as {parallel: Timing[]; sequential: Timing[]};
}

/**
Adds `delayMs` to every packet the lab's hosts send out over the router's uplink, inside the lab's
router namespace only. With sch_netem: `tc qdisc … netem delay` on the uplink. Without it (some
kernels lack the module): bench/delay-line.py, a TUN device that writes each packet back after the
delay, with a policy route sending what arrives from the hosts' bridge through it. Returns how it
was done and a function that takes it away (the lab's teardown removes the namespace anyway).
*/
function addUplinkDelay(lab: LabState, delayMs: number): {how: string; remove: () => void} {
	const rtr = nsName(lab.prefix, 'rtr');
	if (trySh(['ip', 'netns', 'exec', rtr, 'tc', 'qdisc', 'add', 'dev', 'up0', 'root', 'netem', 'delay', `${delayMs}ms`])) {
		return {how: `tc netem delay ${delayMs}ms on the router's uplink`, remove: () => trySh(['ip', 'netns', 'exec', rtr, 'tc', 'qdisc', 'del', 'dev', 'up0', 'root'])};
	}

	const device = 'azdelay0';
	// `ip netns exec` execs python3: the PID is the delay line's.
	const line = spawn('ip', ['netns', 'exec', rtr, 'python3', path.join(import.meta.dirname, 'delay-line.py'), device, String(delayMs)], {stdio: ['ignore', 'ignore', 'inherit']});
	const stop = () => {
		if (line.pid !== undefined) {
			process.kill(line.pid, 'SIGTERM');
		}
	};

	try {
		// This thread blocks while it waits (nothing else runs in a benchmark): readiness is the device.
		const deadline = performance.now() + 10_000;
		while (!trySh(['ip', '-n', rtr, 'link', 'show', device])) {
			if (performance.now() > deadline) {
				throw new Error(`the delay line did not create ${device} within 10 s (is python3 installed? its errors are above)`);
			}

			sleepSync(50);
		}

		sh(['ip', '-n', rtr, 'link', 'set', device, 'up']);
		sh([...inNs(rtr), 'sysctl', '-qw', 'net.ipv4.conf.all.rp_filter=0', `net.ipv4.conf.${device}.rp_filter=0`]);
		sh(['ip', '-n', rtr, 'route', 'add', 'default', 'dev', device, 'table', '140']);
		sh(['ip', '-n', rtr, 'rule', 'add', 'iif', 'br0', 'lookup', '140', 'priority', '100']);
	} catch (error) {
		stop();
		throw error;
	}

	return {
		how: `sch_netem is not available in this kernel (${os.release()}): a userspace delay line (bench/delay-line.py, TUN) adds ${delayMs} ms to every packet from the lab's hosts to the uplink`,
		remove() {
			trySh(['ip', '-n', rtr, 'rule', 'del', 'iif', 'br0', 'lookup', '140', 'priority', '100']);
			stop();
		},
	};
}

/** The round trip from the DVM to the lab's DNS server: TCP connect times to port 53 (one round trip each), median of 5. */
function roundTripMs(lab: LabState): number {
	const script = `const net = require('node:net');
const times = [];
const once = () => {
	const started = performance.now();
	const socket = net.connect({host: process.argv[1], port: 53}, () => {
		times.push(performance.now() - started);
		socket.destroy();
		if (times.length < 5) once(); else process.stdout.write(JSON.stringify(times));
	});
	socket.setTimeout(5000, () => process.exit(1));
};
once();`;
	const out = sh([...inNs(nsName(lab.prefix, 'dvm')), process.execPath, '-e', script, ip.dns], {timeoutMs: 30_000});
	return quantiles(JSON.parse(out) as number[]).p50;
}

function phaseFigures(label: string, timings: {parallel: Timing[]; sequential: Timing[]}, note: string): Figure[] {
	const {parallel, sequential} = timings;
	const slowest = parallel.map(run => Math.max(...run.probes));
	const sums = parallel.map(run => run.probes.reduce((total, probe) => total + probe, 0));
	const first = parallel[0]!;
	const slowSteps = [...parallel.at(-1)!.steps].sort((a, b) => b.ms - a.ms).slice(0, 3).map(step => `${step.id} ${step.ms} ms`).join(', ');
	const totalFigure = {name: `${label}: DVM-egress preflight, parallel (${first.endpoints} endpoint probes: egress and TLS; ${first.dnsProbes} DNS probes over UDP and TCP; NTP)`, unit: 'ms', ...quantiles(parallel.map(run => run.wallMs))};
	const slowestFigure = {name: `${label}: slowest single probe in that run`, unit: 'ms', ...quantiles(slowest)};
	const sequentialFigure = {name: `${label}: same phase, one probe at a time`, unit: 'ms', ...quantiles(sequential.map(run => run.wallMs))};
	const sumFigure = {name: `${label}: sum of all probe durations`, unit: 'ms', ...quantiles(sums)};
	// Run by run: each run's total against its own slowest probe.
	const ratio = quantiles(parallel.map((run, index) => run.wallMs / slowest[index]!)).p50;
	return [
		{...totalFigure, note: `total ÷ slowest probe ${ratio.toFixed(2)} (median of the runs' ratios; target ≤ ${preflightTarget}: ${ratio <= preflightTarget ? 'met' : 'NOT met'}); total ÷ one-by-one ${(totalFigure.p50 / sequentialFigure.p50).toFixed(3)}; total ÷ sum of probes ${(totalFigure.p50 / sumFigure.p50).toFixed(3)}; slowest steps (last run): ${slowSteps}; ${note}`},
		slowestFigure,
		sequentialFigure,
		sumFigure,
	];
}

/**
The full DVM-egress preflight against the network lab, from the DVM namespace: wall time of the
phase as the engine runs it, the slowest single probe, and the same phase one probe at a time;
first as the lab is (sub-millisecond round trips), then with 40 ms added on the uplink, the
realistic case the target is about. Needs root (network namespaces); otherwise it says why.
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
		const load = () => `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} CPUs`;
		const figures = phaseFigures('lab as is', runWorker(lab, runs), `round trip DVM → DNS (TCP connect) ${roundTripMs(lab).toFixed(2)} ms; ${load()}`);
		const delay = addUplinkDelay(lab, uplinkDelayMs);
		try {
			const rtt = roundTripMs(lab);
			figures.push(...phaseFigures(`+${uplinkDelayMs} ms on the uplink`, runWorker(lab, runs), `round trip DVM → DNS (TCP connect) ${rtt.toFixed(1)} ms; ${delay.how}; ${load()}`));
		} finally {
			delay.remove();
		}

		return {figures};
	} finally {
		labDown(lab);
	}
}
