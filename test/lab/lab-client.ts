import {spawn} from 'node:child_process';
import path from 'node:path';
import type {CheckResult} from '../../src/checks/types.js';
import {ip, scenarios, type ScenarioName, type Vantage, labTimeoutMs} from './lab-config.js';
import {sh, inNs, trySh} from './exec.js';
import type {RunJob, RunOutput} from './run-check.js';
import {childOutput} from '../helpers/child-output.js';
import {nsName} from './topology.js';

/** What a lab test file gets from the global setup: a built lab, or why there is none. */
export type LabHandle = {ready: true; prefix: string; runDir: string; pkiDir: string; buildMs: number} | {ready: false; reason: string};

declare module 'vitest' {
	export interface ProvidedContext {
		lab: LabHandle;
	}
}

/** A lab that was built. */
export type ReadyLab = Extract<LabHandle, {ready: true}>;

/** A describe title that carries the skip reason when there is no lab. */
export function labTitle(lab: LabHandle, title: string): string {
	return lab.ready ? title : `${title} (skipped: ${lab.reason})`;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** The bundle the tests spawn (test/helpers/paths.ts cannot be imported here: the lab's global setup loads this file). */
const cliPath = path.join(repoRoot, 'dist', 'azs-runbook.mjs');

/** The context every lab job uses unless it says otherwise: the lab forwarders and the lab CA. */
export function labJob(lab: ReadyLab, checkId: string, params: unknown, extra: Partial<RunJob> = {}): RunJob {
	return {checkId, params, dnsServers: [ip.dns, ip.dns2], extraCaFiles: [path.join(lab.pkiDir, 'labca.crt')], timeoutMs: labTimeoutMs, ...extra};
}

/** What a node process run inside a lab namespace printed, and how it ended. */
export type NodeRun = {code: number | null; stdout: string; stderr: string};

/** Runs node with `args` inside the vantage's namespace, `input` on its stdin; killed after `limitMs`. */
export async function nodeFrom(lab: ReadyLab, vantage: Vantage, args: string[], input = '', limitMs = 45_000): Promise<NodeRun> {
	const child = spawn('ip', ['netns', 'exec', nsName(lab.prefix, vantage), process.execPath, ...args], {cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe']});
	const output = childOutput(child);
	const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
	child.stdin.end(input);
	const code = await output.closed;
	clearTimeout(timer);
	return {code, stdout: output.stdout(), stderr: output.stderr()};
}

/** Runs the real CLI (the bundle) inside the vantage's namespace; bounded at 120 s. */
export async function cliFrom(lab: ReadyLab, vantage: Vantage, args: string[]): Promise<NodeRun> {
	return nodeFrom(lab, vantage, [cliPath, ...args], '', 120_000);
}

/** Runs a lab script (test/lab/NAME.ts) through tsx inside the vantage's namespace, the job as JSON on stdin; its JSON output. */
export async function scriptFrom<T>(lab: ReadyLab, vantage: Vantage, script: string, job: unknown): Promise<T> {
	const run = await nodeFrom(lab, vantage, ['--import', 'tsx', path.join(repoRoot, 'test/lab', script)], JSON.stringify(job));
	if (run.code !== 0) {
		throw new Error(`${script} in ${vantage} exited ${run.code}: ${run.stderr.trim().slice(-2000)}`);
	}

	return JSON.parse(run.stdout) as T;
}

/** Runs jobs in one node process inside the vantage's namespace; bounded at 45 s (under the test timeout). */
export async function runFrom(lab: ReadyLab, vantage: Vantage, jobs: RunJob[]): Promise<RunOutput[]> {
	return scriptFrom<RunOutput[]>(lab, vantage, 'run-check.ts', jobs);
}

/** Runs one check from a vantage and returns its result (asserting no handles were left open). */
export async function checkFrom(lab: ReadyLab, vantage: Vantage, checkId: string, params: unknown, extra: Partial<RunJob> = {}): Promise<CheckResult> {
	const [output] = await runFrom(lab, vantage, [labJob(lab, checkId, params, extra)]);
	if (output!.leftover.length > 0) {
		throw new Error(`${checkId} left handles open: ${output!.leftover.join(', ')}`);
	}

	return output!.result;
}

/** Runs `body` with a scenario's nft table loaded in the router, and always unloads it. */
export async function withScenario<T>(lab: ReadyLab, name: ScenarioName, body: () => Promise<T>): Promise<T> {
	const scenario = scenarios[name];
	const router = inNs(nsName(lab.prefix, 'rtr'));
	sh([...router, 'nft', '-f', '-'], {input: scenario.text});
	try {
		return await body();
	} finally {
		trySh([...router, 'nft', 'delete', 'table', scenario.family, scenario.table]);
		if ('restore' in scenario) {
			sh([...router, 'nft', '-f', '-'], {input: scenario.restore});
		}
	}
}
