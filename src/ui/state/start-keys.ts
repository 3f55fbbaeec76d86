import {withEffect} from './effects.js';
import type {KeyPress} from './keys.js';
import {sessionNameProblem} from './session-name.js';
import {editText} from './text-field.js';
import type {StartState, UiState} from './ui-state.js';

function withStart(state: UiState, start: Partial<StartState>): UiState {
	return {...state, start: {...state.start, ...start}};
}

/** Opens a saved session, or creates one; the result comes back as session.opened or open-failed. */
export function openNamed(state: UiState, name: string, create: boolean): UiState {
	return withEffect(withStart(state, {opening: true, error: undefined}), {type: 'open', name, create});
}

/** A choice from the start menu or the session list (ink-select-input). */
export function startChoice(state: UiState, value: string): UiState {
	if (state.start.opening) {
		return state;
	}

	if (value === 'resume' && state.start.resumeName) {
		return openNamed(state, state.start.resumeName, false);
	}

	if (value === 'new') {
		return withStart(state, {mode: 'name', error: undefined});
	}

	if (value === 'pick') {
		return withStart(state, {mode: 'pick', error: undefined});
	}

	if (value.startsWith('session:')) {
		return openNamed(state, value.slice('session:'.length), false);
	}

	return state;
}

/** Keys of the start screen: the name field types; Esc goes back to the menu. Menus handle their own. */
export function startKey(state: UiState, key: KeyPress): UiState | undefined {
	const {start} = state;
	if (start.opening) {
		return state;
	}

	if (key.escape && start.mode !== 'menu' && start.sessions.length > 0) {
		return withStart(state, {mode: 'menu', error: undefined});
	}

	if (start.mode !== 'name') {
		return undefined;
	}

	if (key.enter) {
		const name = start.name.value.trim();
		const problem = sessionNameProblem(name, start.sessions);
		return problem ? withStart(state, {error: problem}) : openNamed(state, name, true);
	}

	const name = editText(start.name, key);
	return name ? withStart(state, {name, error: undefined}) : key.escape ? state : undefined;
}
