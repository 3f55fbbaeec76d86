import fs from 'node:fs';
import path from 'node:path';
import {roles} from './lab-config.js';
import {sh, sleepSync, trySh} from './exec.js';
import {servedEndpointNames} from './endpoint-names.js';
import {generatePki} from './pki.js';
import {startServices} from './services.js';
import {buildTopology, nsName} from './topology.js';

/** A built lab, as recorded in its run directory (so another process can tear it down). */
export type LabState = {prefix: string; runDir: string; pkiDir: string; ownerPid: number; pids: number[]; buildMs?: number};

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const runRoot = path.join(repoRoot, '.lab-run');

/** A run-unique prefix: `azl<pid>` keeps namespace names short and parallel runs apart. */
export function defaultPrefix(): string {
	return `azl${process.pid}`;
}

function alive(pid: number): boolean {
	try {
		// A zombie has already left its namespaces; only the parent's reaping is missing.
		const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
		return state !== undefined && state !== 'Z';
	} catch {
		return false;
	}
}

function namespacePids(prefix: string): number[] {
	return roles.flatMap(role => {
		try {
			return sh(['ip', 'netns', 'pids', nsName(prefix, role)]).split('\n').filter(Boolean).map(Number);
		} catch {
			return [];
		}
	});
}

function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
	for (const pid of pids) {
		try {
			process.kill(pid, signal);
		} catch {
			// Already gone.
		}
	}
}

/** Waits (bounded) until none of `pids` is alive; returns those still alive. */
function waitGone(pids: readonly number[], limitMs: number): number[] {
	const deadline = performance.now() + limitMs;
	let left = pids.filter(pid => alive(pid));
	while (left.length > 0 && performance.now() < deadline) {
		sleepSync(20);
		left = left.filter(pid => alive(pid));
	}

	return left;
}

/**
Tears a lab down: processes first (recorded PIDs, then anything else inside its namespaces),
then the namespaces, whose deletion removes every veth, bridge and nft table. Synchronous, so it
can run from exit and signal handlers; never throws; safe to call twice.
*/
export function labDown(state: Pick<LabState, 'prefix' | 'runDir' | 'pids'>, options: {keepRunDir?: boolean} = {}): void {
	const pids = [...new Set([...state.pids, ...namespacePids(state.prefix)])].filter(pid => pid !== process.pid);
	signalAll(pids, 'SIGTERM');
	const stubborn = waitGone(pids, 2000);
	signalAll(stubborn, 'SIGKILL');
	waitGone(stubborn, 1000);
	for (const role of roles) {
		trySh(['ip', 'netns', 'del', nsName(state.prefix, role)]);
	}

	if (!options.keepRunDir) {
		fs.rmSync(state.runDir, {recursive: true, force: true});
	}
}

/** Reads the state of a lab built by this or another process. */
export function readLabState(prefix: string): LabState | undefined {
	try {
		return JSON.parse(fs.readFileSync(path.join(runRoot, prefix, 'lab.json'), 'utf8')) as LabState;
	} catch {
		return undefined;
	}
}

/** Tears down labs left by runs that died without teardown (their owner process is gone). */
export function cleanStaleLabs(): string[] {
	const names = trySh(['ip', 'netns', 'list']) ? sh(['ip', 'netns', 'list']) : '';
	const prefixes = new Set([...names.matchAll(/^(azl\d+)-(?:rtr|dvm|hlh|inet)\b/gm)].map(match => match[1]!));
	const cleaned: string[] = [];
	for (const prefix of prefixes) {
		const owner = Number(prefix.slice(3));
		const state = readLabState(prefix);
		if (!alive(state?.ownerPid ?? owner)) {
			labDown(state ?? {prefix, runDir: path.join(runRoot, prefix), pids: []});
			cleaned.push(prefix);
		}
	}

	// Run directories of dead runs whose namespaces are already gone (logs of a failed build, say).
	for (const entry of fs.existsSync(runRoot) ? fs.readdirSync(runRoot) : []) {
		if (/^azl\d+$/.test(entry) && !prefixes.has(entry) && !alive(readLabState(entry)?.ownerPid ?? Number(entry.slice(3)))) {
			fs.rmSync(path.join(runRoot, entry), {recursive: true, force: true});
		}
	}

	return cleaned;
}

/**
Builds the whole lab: PKI, namespaces and ACL, services, then proves every service answers.
On any failure it tears down what it built and rethrows.
*/
export function labUp(prefix: string = defaultPrefix(), ownerPid: number = process.pid): LabState {
	const started = performance.now();
	const runDir = path.join(runRoot, prefix);
	const state: LabState = {prefix, runDir, pkiDir: path.join(runDir, 'pki'), ownerPid, pids: []};
	fs.mkdirSync(runDir, {recursive: true});
	const save = () => fs.writeFileSync(path.join(runDir, 'lab.json'), `${JSON.stringify(state, null, '\t')}\n`);
	save();
	try {
		const served = servedEndpointNames(repoRoot);
		generatePki(state.pkiDir, served.identity);
		buildTopology(prefix);
		state.pids = startServices(prefix, runDir, state.pkiDir, served);
		save();
		sh(['ip', 'netns', 'exec', nsName(prefix, 'dvm'), process.execPath, '--import', 'tsx', path.join(repoRoot, 'test/lab/wait-ready.ts')], {timeoutMs: 30_000});
	} catch (error) {
		labDown(state, {keepRunDir: true});
		throw new Error(`netlab: could not build the lab (logs kept in ${runDir}): ${(error as Error).message}`);
	}

	state.buildMs = Math.round(performance.now() - started);
	save();
	return state;
}
