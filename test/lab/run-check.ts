/*
Runs checks from inside a lab namespace: `ip netns exec <ns> node --import tsx test/lab/run-check.ts`
with a JSON job list on stdin, and prints one JSON line: each check's result plus the socket and timer
handles still open after it (there should be none: checks must never leave sockets open).
*/
import fs from 'node:fs';
import {checkRegistry} from '../../src/checks/registry.js';
import type {CheckContext, CheckResult} from '../../src/checks/types.js';

export type RunJob = {
	checkId: string;
	params: unknown;
	dnsServers?: string[];
	/** PEM files to trust in addition to the system store (the lab CA). */
	extraCaFiles?: string[];
	timeoutMs?: number;
	/** Abort the run as soon as the first probe finishes, while the others are still in flight. */
	abortOnFirstProbeEnd?: boolean;
	/** Abort right after (next turn of the event loop) a probe whose target contains this starts: mid-probe. */
	abortOnProbeStart?: string;
};

export type RunOutput = {result: CheckResult; leftover: string[]; aborted: boolean};

const handleTypes = new Set(['TCPSocketWrap', 'TCPWrap', 'UDPWrap', 'TLSWrap', 'Timeout', 'GetAddrInfoReqWrap', 'QueryReqWrap']);

/** Waits (bounded: 40 turns of 25 ms) for closing handles to finish closing; returns what is left. */
async function leftoverHandles(): Promise<string[]> {
	let left: string[] = [];
	for (let turn = 0; turn < 40; turn++) {
		// Our own polling timer is not counted: it is the only Timeout alive between turns.
		left = process.getActiveResourcesInfo().filter(type => handleTypes.has(type));
		if (left.length === 0) {
			break;
		}

		await new Promise(resolve => setImmediate(resolve));
		if (turn > 0) {
			await new Promise(resolve => setTimeout(resolve, 25));
		}
	}

	return left;
}

async function runJob(job: RunJob): Promise<RunOutput> {
	const check = checkRegistry.get(job.checkId);
	if (!check) {
		throw new Error(`unknown check ${job.checkId}`);
	}

	const controller = new AbortController();
	const context: CheckContext = {
		signal: controller.signal,
		timeoutMs: job.timeoutMs ?? 1000,
		dnsServers: job.dnsServers ?? [],
		extraCaPem: (job.extraCaFiles ?? []).map(file => fs.readFileSync(file, 'utf8')),
		onProbe(event) {
			if (job.abortOnFirstProbeEnd && event.type === 'end') {
				controller.abort();
			}

			if (job.abortOnProbeStart && event.type === 'start' && event.target.includes(job.abortOnProbeStart)) {
				setImmediate(() => controller.abort());
			}
		},
	};
	const result = await check.run(check.params.parse(job.params), context);
	return {result, leftover: await leftoverHandles(), aborted: controller.signal.aborted};
}

const jobs = JSON.parse(fs.readFileSync(0, 'utf8')) as RunJob[];
const outputs: RunOutput[] = [];
for (const job of jobs) {
	outputs.push(await runJob(job));
}

// Exit explicitly: a leaked socket would otherwise keep this process alive, and the report of it unread.
process.stdout.write(`${JSON.stringify(outputs)}\n`, () => process.exit(0));
