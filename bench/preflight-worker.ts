/*
Runs inside the lab's DVM namespace (spawned by bench/preflight.ts): the DVM-egress phase's checks
of the embedded runbook, with the lab worksheet's inputs, first as the engine runs them (in
parallel, bounded), then one probe at a time. Prints one JSON line of timings.
*/
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';
import {checkRegistry} from '../src/checks/registry.js';
import type {CheckContext} from '../src/checks/types.js';
import {mapLimit} from '../src/engine/map-limit.js';
import {newSession} from '../src/engine/new-session.js';
import {resolveParams} from '../src/engine/resolve-params.js';
import type {Session} from '../src/engine/state.js';
import {embeddedRunbookPath} from '../src/install/steps-dir.js';
import {loadRunbook} from '../src/runbook/load-runbook.js';
import type {CheckStep} from '../src/runbook/schema.js';

const [labCaFile, runsText] = process.argv.slice(2);
const runs = Number(runsText ?? 3);
const root = path.resolve(import.meta.dirname, '..');
const loaded = loadRunbook(embeddedRunbookPath());
const worksheet = parse(readFileSync(path.join(root, 'test/lab/lab-worksheet.yaml'), 'utf8')) as Record<string, string | string[]>;
const at = new Date().toISOString();
const session: Session = {
	...newSession({name: 'bench', runbook: loaded.runbook, runbookHash: loaded.hash, stepHashes: loaded.stepHashes, at}),
	inputs: Object.fromEntries(Object.entries(worksheet).map(([name, value]) => [name, {value, setAt: at, setBy: 'bench', frozen: false}])),
};
const phase = loaded.runbook.phases.find(candidate => candidate.id === 'dvm-egress')!;
const steps = phase.steps.filter((step): step is CheckStep => step.kind === 'check');
const dnsServers = worksheet.dns_forwarders as string[];
const extraCaPem = [readFileSync(labCaFile!, 'utf8')];

type Timing = {wallMs: number; probes: number[]; endpoints: number; dnsProbes: number; steps: Array<{id: string; ms: number}>};

async function runPhase(sequential: boolean): Promise<Timing> {
	const probes: number[] = [];
	const started = new Map<string, number>();
	let endpoints = 0;
	let dnsProbes = 0;
	const context = (): CheckContext => ({
		signal: new AbortController().signal,
		timeoutMs: 5000,
		dnsServers,
		extraCaPem,
		onProbe(event) {
			if (event.type === 'start') {
				started.set(event.id, performance.now());
				endpoints += event.kind === 'egress' ? 1 : 0;
				dnsProbes += event.kind.startsWith('dns-') ? 1 : 0;
			} else {
				probes.push(performance.now() - (started.get(event.id) ?? performance.now()));
			}
		},
	});
	const stepTimes: Array<{id: string; ms: number}> = [];
	const begin = performance.now();
	await mapLimit(steps, sequential ? 1 : 8, async step => {
		const stepBegin = performance.now();
		const check = checkRegistry.get(step.check)!;
		const {params} = resolveParams(loaded, session, step.params);
		const shape = (check.params as {shape?: Record<string, unknown>}).shape ?? {};
		const withConcurrency = sequential && typeof params === 'object' && params !== null && 'concurrency' in shape ? {...params, concurrency: 1} : params;
		const result = await check.run(check.params.parse(withConcurrency), context());
		if (step.check === 'tls.not-intercepted' || step.check === 'ntp.server') {
			// These checks report no per-probe events: their evidence records carry each probe's time.
			for (const record of result.evidence) {
				probes.push(record.durationMs);
				endpoints += record.kind === 'tls' ? 1 : 0;
			}
		}

		stepTimes.push({id: step.id, ms: Math.round(performance.now() - stepBegin)});
		if (result.status !== 'pass' && result.status !== 'warn') {
			process.stderr.write(`${step.id}: ${result.status}: ${result.summary}\n`);
		}
	});
	return {wallMs: performance.now() - begin, probes, endpoints, dnsProbes, steps: stepTimes};
}

const parallel: Timing[] = [];
const sequential: Timing[] = [];
for (let run = 0; run < runs; run++) {
	parallel.push(await runPhase(false));
	sequential.push(await runPhase(true));
}

process.stdout.write(`${JSON.stringify({parallel, sequential})}\n`);
