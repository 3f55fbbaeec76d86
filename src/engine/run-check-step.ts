import os from 'node:os';
import {checkRegistry} from '../checks/registry.js';
import type {CheckResult} from '../checks/types.js';
import type {CheckStep} from '../runbook/schema.js';
import type {SessionController} from './controller.js';
import {durationSeconds} from './durations.js';
import {placeResult} from './place.js';
import {resolveParams} from './resolve-params.js';
import type {RunOptions} from './run-options.js';
import type {Session} from './state.js';

function errorResult(checkId: string, summary: string, startedAt: string): CheckResult {
	return {
		checkId,
		status: 'error',
		summary,
		evidence: [],
		startedAt,
		durationMs: 0,
		vantage: {host: os.hostname(), localAddresses: []},
	};
}

/**
Runs one check step: resolves its parameters, marks it running, runs the check and records the
result. A check that throws is recorded as `error` (could not evaluate), never as a pass or fail.
An abort returns the step to its previous state: a cancelled run proves nothing.
*/
export async function runCheckStep(controller: SessionController, step: CheckStep, options: RunOptions): Promise<Session> {
	const {loaded} = controller;
	const resolved = resolveParams(loaded, controller.session, step.params);
	const check = checkRegistry.get(step.check);
	const startedAt = new Date().toISOString();
	const ttlSeconds = durationSeconds(step.ttl ?? loaded.runbook.defaultTtl);
	const finish = (result: CheckResult) =>
		controller.dispatch({type: 'check.finished', stepId: step.id, result, ttlSeconds, usedInputs: resolved.usedInputs});

	if (!check) {
		return finish(errorResult(step.check, `check "${step.check}" is not available in this version of azs-runbook`, startedAt));
	}

	if (controller.session.training && !options.probesFor) {
		// A training session must never record a measurement of the real network as its evidence.
		return finish(errorResult(step.check, 'this is a training session: its checks run on the simulated site only (open it with --training)', startedAt));
	}

	const params = check.params.safeParse(resolved.params);
	if (!params.success) {
		const issue = params.error.issues[0]!;
		return finish(errorResult(step.check, `invalid parameters for ${step.check}: ${issue.path.join('.') || 'params'}: ${issue.message}`, startedAt));
	}

	const forwarderInput = loaded.runbook.dnsForwardersInput;
	const forwarders = forwarderInput ? controller.session.inputs[forwarderInput]?.value : undefined;
	const dnsServers = options.dnsServersOverride ?? (Array.isArray(forwarders) ? forwarders : forwarders ? [forwarders] : []);
	if (forwarderInput && !options.dnsServersOverride && controller.session.inputs[forwarderInput]) {
		resolved.usedInputs.push(forwarderInput);
	}

	controller.dispatch({type: 'step.started', stepId: step.id});
	let result: CheckResult;
	try {
		result = await check.run(params.data, {
			signal: options.signal,
			timeoutMs: options.timeoutMs,
			dnsServers,
			extraCaPem: options.extraCaPem,
			onProbe: options.onProbe ? event => options.onProbe?.(step.id, event) : undefined,
			...(options.probesFor ? {probes: options.probesFor(step.id, controller.session.name)} : {}),
		});
	} catch (error) {
		result = errorResult(step.check, `the check failed to run: ${(error as Error).message}`, startedAt);
	}

	if (options.signal.aborted) {
		return controller.dispatch({type: 'step.cancelled', stepId: step.id});
	}

	// Where it was measured decides what it proves: a wrong-place result names no network team.
	result = placeResult(loaded.runbook, controller.session, step.id, result);
	if (resolved.endpointListId) {
		result = {...result, endpointList: resolved.endpointListId};
	}

	return finish(result);
}
