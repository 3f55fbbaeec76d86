import {overviewKey, phaseKey} from './browse-keys.js';
import {collectKey, stopCollect} from './collect.js';
import {dialogKey} from './dialog-keys.js';
import {unsavedListKey} from './editor-keys.js';
import {withEffect} from './effects.js';
import type {KeyPress} from './keys.js';
import {popRoute, pushRoute, topRoute} from './navigation.js';
import {detailsKey, findingsKey, helpKey, networkKey, watchKey} from './other-keys.js';
import {recordsKey} from './records.js';
import {startKey} from './start-keys.js';
import {stepKey} from './step-keys.js';
import type {UiState} from './ui-state.js';

/** Quit: stop what runs, then exit; every transition is already saved. */
export function quit(state: UiState): UiState {
	return state.quitting ? state : withEffect({...state, quitting: true, dialog: undefined}, {type: 'quit'});
}

function screenKey(state: UiState, key: KeyPress): UiState | undefined {
	const route = topRoute(state);
	switch (route.screen) {
		case 'start': {
			return startKey(state, key);
		}

		case 'findings': {
			return findingsKey(state, key);
		}

		case 'overview': {
			return overviewKey(state, route, key);
		}

		case 'phase': {
			return phaseKey(state, route, key);
		}

		case 'step': {
			return stepKey(state, route, key);
		}

		case 'details': {
			return detailsKey(state, route, key);
		}

		case 'watch': {
			return watchKey(state, key);
		}

		case 'help': {
			return helpKey(state, route, key);
		}

		case 'records': {
			return recordsKey(state, route, key);
		}

		case 'network': {
			return networkKey(state, route, key);
		}

		case 'collect': {
			return collectKey(state, route, key);
		}
	}
}

/**
One key, interpreted against the latest state (this runs inside the reducer, so fast typing and
pasted chunks never see a stale screen). Order: Ctrl+C, an open dialog, the screen (a focused
text field swallows printable keys there), then the keys that work everywhere.
*/
export function handleKey(current: UiState, key: KeyPress): UiState {
	if (key.ctrlLetter === 'c') {
		// On the Collect screen Ctrl+C stops the collection first (like the collect command); again, it quits.
		const stopping = topRoute(current).screen === 'collect' && current.collect?.run?.running && !current.collect.run.stopping;
		return stopping ? stopCollect(current) : quit(current);
	}

	if (current.quitting) {
		return current;
	}

	const state = current.notice ? {...current, notice: undefined} : current;
	if (state.dialog?.kind === 'unsaved') {
		return unsavedListKey(state, state.dialog, key, handleKey);
	}

	if (state.dialog) {
		return dialogKey(state, state.dialog, key);
	}

	const handled = screenKey(state, key);
	if (handled) {
		return handled;
	}

	const route = topRoute(state);
	if (key.text === 'q') {
		return quit(state);
	}

	if (key.text === '?' && route.screen !== 'help') {
		return pushRoute(state, {screen: 'help', scroll: 0});
	}

	if (key.escape && route.screen !== 'start') {
		return popRoute(state);
	}

	return state;
}
