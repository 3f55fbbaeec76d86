import {networkMapOfSession} from '../../reports/network-map.js';
import {networkLines} from '../view/network-lines.js';
import {locateStep} from '../../engine/runbook-index.js';
import {detailLines} from '../view/detail-lines.js';
import {helpLines} from '../view/help-lines.js';
import {bodyHeight} from '../view/layout.js';
import {clampScroll} from '../view/window-lines.js';
import type {KeyPress} from './keys.js';
import {replaceTop, showStep} from './navigation.js';
import {checkActionKey} from './check-keys.js';
import {scrollDelta} from './scroll.js';
import type {Route, UiState} from './ui-state.js';
import {stopWatch, watchNow} from './watch.js';

/** Details keys: scroll the evidence, re-run, override, watch, stop. */
export function detailsKey(state: UiState, route: Extract<Route, {screen: 'details'}>, key: KeyPress): UiState | undefined {
	const step = locateStep(state.runbook, route.stepId)?.step;
	if (!step || !state.session) {
		return undefined;
	}

	const page = bodyHeight(state.size.rows) - 1;
	const delta = scrollDelta(key, page);
	if (delta !== 0) {
		const total = detailLines(step, state.session, state.size.columns, state.runbook).length;
		return replaceTop(state, {...route, scroll: clampScroll(route.scroll + delta, total, page)});
	}

	return checkActionKey(state, step.id, key.text);
}

/** Watch keys: run now, stop. Leaving the screen stops the watch. */
export function watchKey(state: UiState, key: KeyPress): UiState | undefined {
	if (key.text === 'r') {
		return watchNow(state);
	}

	if (key.text === 's') {
		return stopWatch(state);
	}

	return key.escape ? {...stopWatch(state), watch: undefined, routes: state.routes.slice(0, -1)} : undefined;
}

/** Help keys: scroll. */
export function helpKey(state: UiState, route: Extract<Route, {screen: 'help'}>, key: KeyPress): UiState | undefined {
	const page = bodyHeight(state.size.rows);
	const delta = scrollDelta(key, page);
	if (delta === 0) {
		return undefined;
	}

	return replaceTop(state, {...route, scroll: clampScroll(route.scroll + delta, helpLines(Boolean(state.session?.training)).length, page)});
}

/** Network keys: scroll (the picture usually fits; a site with many forwarders on 24 rows does not). */
export function networkKey(state: UiState, route: Extract<Route, {screen: 'network'}>, key: KeyPress): UiState | undefined {
	if (!state.session) {
		return undefined;
	}

	const page = bodyHeight(state.size.rows);
	const delta = scrollDelta(key, page);
	if (delta === 0) {
		return undefined;
	}

	const count = networkLines(networkMapOfSession(state.runbook, state.session), state.size.columns).length;
	return replaceTop(state, {...route, scroll: clampScroll(route.scroll + delta, count, page)});
}

/** Findings keys: any of Enter, Space or Esc continues to the step where the session stopped. */
export function findingsKey(state: UiState, key: KeyPress): UiState | undefined {
	if ((key.enter || key.escape || key.text === ' ') && state.session) {
		return showStep(state, state.session.position.stepId);
	}

	return undefined;
}
