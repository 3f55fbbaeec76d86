import type {SessionController} from '../engine/controller.js';
import {planImport, type Collection, type ImportPlan} from './plan-import.js';
import type {ResultsBundle} from './results-bundle.js';

export type ImportOutcome = ImportPlan & {vantage: string; host: string};

/**
Merges what the plan accepts into the session: each result journalled as a finished check, exactly
as a local run would record it, labelled with the vantage and how it was collected.
*/
export function applyImport(controller: SessionController, bundle: ResultsBundle, collection: Collection): ImportOutcome {
	const plan = planImport(controller.loaded, controller.session, bundle, collection);
	for (const item of plan.accepted) {
		controller.dispatch({type: 'check.finished', stepId: item.stepId, result: item.result, ttlSeconds: item.ttlSeconds, usedInputs: item.usedInputs});
	}

	for (const item of plan.acceptedCommands) {
		controller.dispatch({type: 'command.finished', stepId: item.stepId, command: item.command, state: item.state, ttlSeconds: item.ttlSeconds, usedInputs: item.usedInputs});
	}

	return {...plan, vantage: bundle.vantage, host: bundle.host.name};
}
