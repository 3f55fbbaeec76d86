import {overrideProblem} from '../../engine/override-policy.js';
import {locateStep} from '../../engine/runbook-index.js';
import type {Step} from '../../runbook/schema.js';
import {withEffect, withNotice} from './effects.js';
import {pushRoute} from './navigation.js';
import {startRun} from './run.js';
import {textBuffer} from './text-field.js';
import type {UiState} from './ui-state.js';

/** The step with this id, if the runbook has it. */
export function stepById(state: UiState, stepId: string): Step | undefined {
	return locateStep(state.runbook, stepId)?.step;
}

/** Opens the override dialog, or, for a step that may not be overridden, the reason why not. */
export function requestOverride(state: UiState, stepId: string): UiState {
	const step = stepById(state, stepId);
	if (!step) {
		return state;
	}

	if (!step.overridable) {
		return {...state, dialog: {kind: 'not-overridable', stepId, reason: step.notOverridableReason ?? 'the runbook marks this step as not overridable'}};
	}

	const problem = overrideProblem(step, state.session?.steps[stepId]);
	if (problem) {
		return withNotice(state, 'info', problem);
	}

	return {...state, dialog: {kind: 'override', stepId, buffer: textBuffer()}};
}

/** Runs one check or command step. */
export function requestRunStep(state: UiState, stepId: string): UiState {
	const step = stepById(state, stepId);
	if (step?.kind !== 'check' && step?.kind !== 'command') {
		return withNotice(state, 'error', 'only checks and commands run; this step needs you (see the keys below)');
	}

	return startRun(state, {stepId});
}

/** Shows the details (evidence, remediation) of a step's result. */
export function requestDetails(state: UiState, stepId: string): UiState {
	return pushRoute(state, {screen: 'details', stepId, scroll: 0});
}

/** Acknowledges an instruction step and moves on to the next step. */
export function acknowledge(state: UiState, stepId: string): UiState {
	return withEffect(state, {type: 'engine', action: {type: 'step.acknowledged', stepId}, advanceFrom: stepId, success: `acknowledged ${stepId}`});
}

/** Opens the attestation dialog of a confirm step (who and when are shown there). */
export function requestAttest(state: UiState, stepId: string): UiState {
	return {...state, dialog: {kind: 'attest', stepId}};
}

/** Opens the note dialog: a line about this step, journalled with who and when. */
export function requestNote(state: UiState, stepId: string): UiState {
	return state.session ? {...state, dialog: {kind: 'note', stepId, buffer: textBuffer()}} : state;
}

/** Opens the unfreeze dialog of a frozen input. */
export function requestUnfreeze(state: UiState, stepId: string): UiState {
	const step = stepById(state, stepId);
	if (step?.kind !== 'input' || !state.session?.inputs[step.name]?.frozen) {
		return state;
	}

	return {...state, dialog: {kind: 'unfreeze', stepId, inputName: step.name, buffer: textBuffer()}};
}
