import type {KeyPress} from './keys.js';
import {pushRoute, replaceTop, showPhase, showStep} from './navigation.js';
import {openRecords} from './records.js';
import {checkActionKey} from './check-keys.js';
import {openCollect} from './collect.js';
import {startRun} from './run.js';
import {requestDetails, requestNote} from './step-commands.js';
import type {Route, UiState} from './ui-state.js';

function moved(selected: number, key: KeyPress, count: number): number | undefined {
	if (key.up || key.text === 'k') {
		return Math.max(0, selected - 1);
	}

	if (key.down || key.text === 'j') {
		return Math.min(count - 1, selected + 1);
	}

	if (key.pageUp || key.home) {
		return key.home ? 0 : Math.max(0, selected - 10);
	}

	if (key.pageDown || key.end) {
		return key.end ? count - 1 : Math.min(count - 1, selected + 10);
	}

	return undefined;
}

/** Overview keys: move, open a phase, run a phase, jump to the current step, the records (l), the network (m), collect (c). */
export function overviewKey(state: UiState, route: Extract<Route, {screen: 'overview'}>, key: KeyPress): UiState | undefined {
	const selected = moved(route.selected, key, state.runbook.phases.length);
	if (selected !== undefined) {
		return replaceTop(state, {...route, selected});
	}

	if (key.enter) {
		return showPhase(state, route.selected);
	}

	if (key.text === 'R' || key.text === 'r') {
		const phase = state.runbook.phases[route.selected]!;
		const running = startRun(state, {phaseId: phase.id});
		return running.run?.running && running.run !== state.run ? showPhase(running, route.selected) : running;
	}

	if (key.text === 'g' && state.session) {
		return showStep(state, state.session.position.stepId);
	}

	if (key.text === 'l') {
		return openRecords(state);
	}

	if (key.text === 'm' && state.session) {
		return pushRoute(state, {screen: 'network', scroll: 0});
	}

	if (key.text === 'c') {
		return openCollect(state);
	}

	return undefined;
}

/** Phase keys: move over steps, open one, run one or all, details, override, watch, stop. */
export function phaseKey(state: UiState, route: Extract<Route, {screen: 'phase'}>, key: KeyPress): UiState | undefined {
	const phase = state.runbook.phases.find(candidate => candidate.id === route.phaseId);
	if (!phase) {
		return undefined;
	}

	const selected = moved(route.selected, key, phase.steps.length);
	if (selected !== undefined) {
		return replaceTop(state, {...route, selected});
	}

	const step = phase.steps[route.selected]!;
	switch (key.text) {
		case 'R': {
			return startRun(state, {phaseId: phase.id});
		}

		case 'd': {
			return requestDetails(state, step.id);
		}

		case 'n': {
			return requestNote(state, step.id);
		}

		default: {
			return checkActionKey(state, step.id, key.text) ?? (key.enter ? showStep(state, step.id) : undefined);
		}
	}
}
