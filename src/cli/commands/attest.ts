import {overrideProblem} from '../../engine/override-policy.js';
import {controlCharacterProblem} from '../../text/escape-controls.js';
import {EngineRefusal} from '../../engine/actions.js';
import {describeLock, phaseGate} from '../../engine/gating.js';
import {locateStep} from '../../engine/runbook-index.js';
import {UsageError} from '../args.js';
import type {CliContext} from '../context.js';
import {withSession} from './with-session.js';

function requireOpenStep(context: CliContext, command: string) {
	const stepId = context.args.positionals[0];
	if (!stepId) {
		throw new UsageError(`usage: azs-runbook ${command} STEP${command === 'override' ? ' --reason TEXT' : ''}`);
	}

	return stepId;
}

/** `confirm STEP`: the operator attests; who and when are recorded. */
export async function confirmCommand(context: CliContext): Promise<number> {
	const stepId = requireOpenStep(context, 'confirm');
	return withSession(context, controller => {
		const location = locateStep(controller.loaded.runbook, stepId);
		if (location) {
			const gate = phaseGate(controller.loaded.runbook, controller.session, location.phaseIndex);
			if (!gate.open) {
				throw new EngineRefusal(`${location.phase.title} is ${describeLock(gate.blockers)}`);
			}
		}

		controller.dispatch({type: location?.step.kind === 'instruction' ? 'step.acknowledged' : 'step.confirmed', stepId});
		controller.advance();
		context.out(`${stepId}: confirmed by ${controller.operator}`);
		return 0;
	});
}

/** `override STEP --reason TEXT`: accept a failure; the reason, who and when are recorded. */
export async function overrideCommand(context: CliContext): Promise<number> {
	const stepId = requireOpenStep(context, 'override');
	if (!context.args.reason) {
		throw new UsageError('an override needs --reason "why this is safe to accept"');
	}

	const reasonProblem = controlCharacterProblem('--reason', context.args.reason);
	if (reasonProblem) {
		throw new UsageError(reasonProblem);
	}

	return withSession(context, controller => {
		const step = locateStep(controller.loaded.runbook, stepId)?.step;
		const problem = step && overrideProblem(step, controller.session.steps[stepId]);
		if (problem) {
			throw new EngineRefusal(problem);
		}

		controller.dispatch({type: 'step.overridden', stepId, reason: context.args.reason!});
		controller.advance();
		context.out(`${stepId}: overridden by ${controller.operator}: ${context.args.reason}`);
		return 0;
	});
}

/** `unfreeze NAME --reason TEXT`: allow a frozen input to change; its results go stale. */
export async function unfreezeCommand(context: CliContext): Promise<number> {
	const name = context.args.positionals[0];
	if (!name || !context.args.reason) {
		throw new UsageError('usage: azs-runbook unfreeze NAME --reason TEXT');
	}

	return withSession(context, controller => {
		controller.dispatch({type: 'input.unfreeze', name, reason: context.args.reason!});
		const stale = Object.entries(controller.session.steps).filter(([, record]) => record.usedInputs?.includes(name) && record.stale);
		context.out(`${name}: unfrozen; ${stale.length} result(s) that used it must re-run${stale.length ? `: ${stale.map(([id]) => id).join(', ')}` : ''}`);
		return 0;
	});
}
