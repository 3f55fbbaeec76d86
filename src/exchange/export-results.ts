import os from 'node:os';
import {requiredVantage} from '../engine/place.js';
import {locateStep, unknownStepText} from '../engine/runbook-index.js';
import type {Session} from '../engine/state.js';
import type {LoadedRunbook} from '../runbook/load-runbook.js';
import {vantageNames, type VantageName} from '../runbook/schema.js';
import {sealBundle, type BundledResult, type ResultsBundle} from './results-bundle.js';

export type ExportRequest = {steps?: string[]; phaseId?: string; vantage?: string; operator: string};

export type ExportOutcome =
	| {ok: true; bundle: ResultsBundle; skipped: Array<{stepId: string; reason: string}>}
	| {ok: false; reason: string};

/**
Writes the results this host measured for one vantage into a sealed bundle: only check results
measured here from the right place (never results this session itself collected from elsewhere).
Without --vantage the vantage is the one the results themselves were judged to be from.
*/
export function exportResults(loaded: LoadedRunbook, session: Session, request: ExportRequest): ExportOutcome {
	const {runbook} = loaded;
	if (request.vantage !== undefined && !(vantageNames as readonly string[]).includes(request.vantage)) {
		return {ok: false, reason: `unknown vantage "${request.vantage}"; vantages: ${vantageNames.join(', ')}`};
	}

	if (request.phaseId && !runbook.phases.some(phase => phase.id === request.phaseId)) {
		return {ok: false, reason: `unknown phase "${request.phaseId}"`};
	}

	for (const stepId of request.steps ?? []) {
		if (!locateStep(runbook, stepId)) {
			return {ok: false, reason: unknownStepText(runbook, stepId)};
		}
	}

	const candidates = runbook.phases
		.filter(phase => !request.phaseId || phase.id === request.phaseId)
		.flatMap(phase => phase.steps)
		.filter(step => step.kind === 'check' && (!request.steps || request.steps.includes(step.id)));

	const skipped: Array<{stepId: string; reason: string}> = [];
	const measuredHere = candidates.flatMap(step => {
		const record = session.steps[step.id];
		const result = record?.result;
		if (!record || !result) {
			if (request.steps) {
				skipped.push({stepId: step.id, reason: 'no result yet: run it first'});
			}

			return [];
		}

		if (result.wrongPlace) {
			skipped.push({stepId: step.id, reason: 'its result was measured from the wrong place'});
			return [];
		}

		if (result.vantage.collected) {
			skipped.push({stepId: step.id, reason: `collected from ${result.vantage.collected.host}, not measured here`});
			return [];
		}

		return [{stepId: step.id, record, result}];
	});

	const vantage = (request.vantage ?? measuredHere.find(item => item.result.vantage.name)?.result.vantage.name) as VantageName | undefined;
	if (!vantage) {
		return {ok: false, reason: 'cannot tell which vantage these results prove (the session has no inputs that identify this host): say it with --vantage dvm|hlh|workstation|public-vip'};
	}

	const results: BundledResult[] = [];
	const addresses = new Set<string>();
	for (const {stepId, record, result} of measuredHere) {
		const required = requiredVantage(runbook, stepId);
		if (required !== vantage) {
			if (request.steps) {
				skipped.push({stepId, reason: `runs from ${required ?? 'any host'}, not ${vantage}`});
			}

			continue;
		}

		for (const address of result.vantage.localAddresses) {
			addresses.add(address);
		}

		results.push({stepId, ttlSeconds: record.ttlSeconds ?? 0, usedInputs: record.usedInputs ?? [], result});
	}

	if (results.length === 0) {
		return {ok: false, reason: `no result of a ${vantage} step to export: run the ${vantage} checks here first`};
	}

	const inputs = Object.fromEntries(Object.entries(session.inputs).map(([name, record]) => [name, record.value]));
	return {
		ok: true,
		skipped,
		bundle: sealBundle({
			format: 'azs-runbook-results/1',
			runbookId: runbook.id,
			runbookHash: loaded.hash,
			vantage,
			host: {name: os.hostname(), addresses: [...addresses].sort()},
			operator: request.operator,
			createdAt: new Date().toISOString(),
			inputs,
			results,
		}),
	};
}
