import {phaseGate} from '../../engine/gating.js';
import {locateStep} from '../../engine/runbook-index.js';
import {editorFor} from './editor.js';
import {withEffect} from './effects.js';
import type {Route, UiState} from './ui-state.js';

/** The screen on top. There is always one. */
export function topRoute(state: UiState): Route {
	return state.routes.at(-1) ?? {screen: 'start'};
}

/** Replaces the screen on top (selection moves, scrolling, editing). */
export function replaceTop(state: UiState, route: Route): UiState {
	return {...state, routes: [...state.routes.slice(0, -1), route]};
}

export function pushRoute(state: UiState, route: Route): UiState {
	return {...state, routes: [...state.routes, route]};
}

/** Back one screen; the first screen of a session (the overview) stays. */
export function popRoute(state: UiState): UiState {
	return state.routes.length > 1 ? {...state, routes: state.routes.slice(0, -1), dialog: undefined} : state;
}

/**
The stack that shows a step: overview, its phase, the step. Opening a step in an open phase makes
it the session's position (a durable action), so a resume returns to the step on screen.
*/
export function showStep(state: UiState, stepId: string): UiState {
	const location = locateStep(state.runbook, stepId);
	if (!location || !state.session) {
		return state;
	}

	const routes: Route[] = [
		{screen: 'overview', selected: location.phaseIndex},
		{screen: 'phase', phaseId: location.phase.id, selected: location.stepIndex},
		{screen: 'step', stepId, scroll: 0, editor: editorFor(location.step, state.session)},
	];
	const next: UiState = {...state, routes, dialog: undefined};
	const position = state.session.position;
	const samePlace = position.stepId === stepId && position.phaseId === location.phase.id;
	if (samePlace || !phaseGate(state.runbook, state.session, location.phaseIndex).open) {
		return next;
	}

	return withEffect(next, {type: 'engine', action: {type: 'position.moved', position: {phaseId: location.phase.id, stepId}}, quiet: true});
}

/** Opens a phase's step list on top of the overview. */
export function showPhase(state: UiState, phaseIndex: number, selected = 0): UiState {
	const phase = state.runbook.phases[phaseIndex];
	if (!phase) {
		return state;
	}

	return {...state, routes: [{screen: 'overview', selected: phaseIndex}, {screen: 'phase', phaseId: phase.id, selected}], dialog: undefined};
}
