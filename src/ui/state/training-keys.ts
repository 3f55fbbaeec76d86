import {escalationProblem} from '../../training/escalation.js';
import {hintsOf, nextHint} from '../../training/hints.js';
import {textBuffer} from './text-field.js';
import {withEffect, withNotice} from './effects.js';
import {stepById} from './step-commands.js';
import type {UiState} from './ui-state.js';

/**
Training only (`h` on a step): the step's next hint, counted through the engine's `hint.shown`
(the same choice as `azs-runbook train hint`); the step view then lists it. Undefined outside a
training session, so the key means nothing there.
*/
export function requestHint(state: UiState, stepId: string): UiState | undefined {
	const step = stepById(state, stepId);
	const session = state.session;
	if (!step || !session?.training) {
		return undefined;
	}

	const hint = nextHint(session, step, state.scenario);
	if (!hint) {
		const total = hintsOf(step, state.scenario).length;
		return withNotice(state, 'info', total === 0 ? `${step.id} has no hints; read why it matters above` : `no more hints for ${step.id}: all ${total} shown`);
	}

	return withEffect(state, {type: 'engine', action: {type: 'hint.shown', stepId: step.id, hint: hint.number}, success: `hint ${hint.number} of ${hint.total} (counted for the instructor)`});
}

/**
Training only (`e` on a check step): hand the step's finding to a team, as `train escalate` does.
Refused with why when there is nothing to escalate; undefined outside a training session.
*/
export function requestEscalate(state: UiState, stepId: string): UiState | undefined {
	const session = state.session;
	if (!session?.training) {
		return undefined;
	}

	const problem = escalationProblem(state.runbook, session, stepId);
	return problem ? withNotice(state, 'info', problem) : {...state, dialog: {kind: 'escalate', stepId, team: 0, buffer: textBuffer()}};
}
