import os from 'node:os';
import {EngineRefusal} from '../engine/actions.js';
import {SessionController} from '../engine/controller.js';
import {mapLimit} from '../engine/map-limit.js';
import {newSession} from '../engine/new-session.js';
import {requiredVantage} from '../engine/place.js';
import {runCheckStep} from '../engine/run-check-step.js';
import {runCommandStep} from '../engine/run-command-step.js';
import type {RunOptions} from '../engine/run-options.js';
import {locateStep} from '../engine/runbook-index.js';
import type {LoadedRunbook} from '../runbook/load-runbook.js';
import type {CollectJob} from './collect-job.js';
import {sealBundle, type BundledCommand, type BundledResult, type ResultsBundle} from './results-bundle.js';

export type JobOutcome = {ok: true; bundle: ResultsBundle} | {ok: false; reason: string};

/**
Runs a collect job on this host: the named check steps, with the session's inputs, on a session that
lives only in memory (the owning session is on the other host; nothing is written here). Gates are
not applied: the owning session decided what to run. Every step must belong to the job's vantage.
*/
export async function runCollectJob(loaded: LoadedRunbook, job: CollectJob, options: Omit<RunOptions, 'concurrency'>): Promise<JobOutcome> {
	const {runbook} = loaded;
	if (job.runbookId !== runbook.id || job.runbookHash !== loaded.hash) {
		return {
			ok: false,
			reason: `this host's runbook is ${runbook.id} ${loaded.hash.slice(0, 12)}…, the session's is ${job.runbookId} ${job.runbookHash.slice(0, 12)}…: install the same azs-runbook version (or pass the same --runbook) here`,
		};
	}

	for (const stepId of job.stepIds) {
		const location = locateStep(runbook, stepId);
		if (!location || (location.step.kind !== 'check' && location.step.kind !== 'command')) {
			return {ok: false, reason: `step "${stepId}" is not a check or command step of ${runbook.id}`};
		}

		const required = requiredVantage(runbook, stepId);
		if (required !== job.vantage) {
			return {ok: false, reason: `step "${stepId}" runs from ${required ?? 'any host'}, not from ${job.vantage}`};
		}
	}

	const at = new Date().toISOString();
	const session = newSession({name: `collect-${job.vantage}`, runbook, runbookHash: loaded.hash, stepHashes: loaded.stepHashes, at});
	const controller = new SessionController(loaded, session, {record: (_action, next) => ({...next, journalSeq: next.journalSeq + 1})}, job.operator);
	for (const [name, value] of Object.entries(job.inputs)) {
		try {
			controller.dispatch({type: 'input.set', name, value});
		} catch (error) {
			if (error instanceof EngineRefusal) {
				return {ok: false, reason: `input "${name}": ${error.message}`};
			}

			throw error;
		}
	}

	await mapLimit(job.stepIds, 8, async stepId => {
		const location = locateStep(runbook, stepId)!;
		if (location.step.kind === 'check') {
			await runCheckStep(controller, location.step, {...options, concurrency: 8});
		} else if (location.step.kind === 'command') {
			// Without a terminal: an argument array, no shell, stdin closed, output captured and capped.
			await runCommandStep(controller, location.step, {...options, concurrency: 8});
		}
	});

	if (options.signal.aborted) {
		return {ok: false, reason: 'stopped before every step finished'};
	}

	const results: BundledResult[] = [];
	const commands: BundledCommand[] = [];
	const notRun: Array<{stepId: string; reason: string}> = [];
	const addresses = new Set<string>();
	for (const stepId of job.stepIds) {
		const record = controller.session.steps[stepId];
		if (record?.command && (record.state === 'passed' || record.state === 'failed' || record.state === 'error')) {
			commands.push({stepId, ttlSeconds: record.ttlSeconds ?? 0, usedInputs: record.usedInputs ?? [], state: record.state, command: record.command});
			continue;
		}

		const {step} = locateStep(runbook, stepId)!;
		if (step.kind === 'command') {
			const platforms = step.platforms && !step.platforms.includes(process.platform as 'linux') ? step.platforms : undefined;
			notRun.push({stepId, reason: platforms ? `runs only on ${platforms.join(', ')}; ${os.hostname()} is ${process.platform}` : `it did not run there (${record?.state ?? 'pending'})`});
			continue;
		}

		if (!record?.result) {
			return {ok: false, reason: `step "${stepId}" gave no result`};
		}

		for (const address of record.result.vantage.localAddresses) {
			addresses.add(address);
		}

		results.push({stepId, ttlSeconds: record.ttlSeconds ?? 0, usedInputs: record.usedInputs ?? [], result: record.result});
	}

	return {
		ok: true,
		bundle: sealBundle({
			format: 'azs-runbook-results/1',
			runbookId: runbook.id,
			runbookHash: loaded.hash,
			vantage: job.vantage,
			host: {name: os.hostname(), addresses: [...addresses].sort()},
			operator: job.operator,
			createdAt: new Date().toISOString(),
			inputs: job.inputs,
			results,
			...(commands.length > 0 ? {commands} : {}),
			...(notRun.length > 0 ? {notRun} : {}),
		}),
	};
}
