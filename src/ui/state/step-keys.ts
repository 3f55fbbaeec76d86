import {allSteps} from '../../engine/runbook-index.js';
import {locateStep} from '../../engine/runbook-index.js';
import type {Step} from '../../runbook/schema.js';
import {stepLines} from '../view/step-lines.js';
import {stepTextHeight} from '../view/step-layout.js';
import {trainingHintsHeight, trainingHintsView} from '../view/training-hints-view.js';
import {clampScroll} from '../view/window-lines.js';
import {listEditorKey, textEditorKey} from './editor-keys.js';
import type {KeyPress} from './keys.js';
import {replaceTop, showStep} from './navigation.js';
import {startRun} from './run.js';
import {scrollDelta} from './scroll.js';
import {acknowledge, requestAttest, requestDetails, requestNote, requestOverride, requestRunStep, requestUnfreeze} from './step-commands.js';
import type {Route, UiState} from './ui-state.js';
import {requestEscalate, requestHint} from './training-keys.js';
import {startWatch} from './watch.js';

type StepRoute = Extract<Route, {screen: 'step'}>;

function neighbour(state: UiState, stepId: string, offset: number): Step | undefined {
	const steps = allSteps(state.runbook);
	return steps[steps.findIndex(step => step.id === stepId) + offset];
}

/** Keys the step view gives meaning to by kind: run, details, override, watch, acknowledge, attest; a hint in training. */
function kindKey(state: UiState, step: Step, key: KeyPress): UiState | undefined {
	const {text} = key;
	if (text === 'R') {
		const phaseId = locateStep(state.runbook, step.id)!.phase.id;
		const phaseIndex = state.runbook.phases.findIndex(phase => phase.id === phaseId);
		const running = startRun(state, {phaseId});
		// Show the phase's rows while its checks run.
		return running.run?.running && running.run !== state.run ? {...running, routes: [{screen: 'overview', selected: phaseIndex}, {screen: 'phase', phaseId, selected: 0}]} : running;
	}

	if (text === 'o') {
		return requestOverride(state, step.id);
	}

	if (text === 'n') {
		return requestNote(state, step.id);
	}

	if (text === 'h') {
		return requestHint(state, step.id);
	}

	if (text === 'e' && step.kind === 'check') {
		return requestEscalate(state, step.id);
	}

	switch (step.kind) {
		case 'instruction': {
			return key.enter || text === 'a' ? acknowledge(state, step.id) : undefined;
		}

		case 'confirm': {
			return key.enter || text === 'c' ? requestAttest(state, step.id) : undefined;
		}

		case 'input': {
			return text === 'u' ? requestUnfreeze(state, step.id) : undefined;
		}

		case 'check':
		case 'command': {
			if (text === 'r') {
				return requestRunStep(state, step.id);
			}

			if (text === 'd' || key.enter) {
				return requestDetails(state, step.id);
			}

			return text === 'w' ? startWatch(state, step.id) : undefined;
		}
	}
}

/**
Keys of the step view. An input's editor goes first (a text field takes every printable key, so
q and ? are typed there, and Esc leaves); then scrolling, next/previous step, and the kind's keys.
*/
export function stepKey(state: UiState, route: StepRoute, key: KeyPress): UiState | undefined {
	const step = locateStep(state.runbook, route.stepId)?.step;
	if (!step || !state.session) {
		return undefined;
	}

	if (step.kind === 'input') {
		const edited = textEditorKey(state, route, step, key) ?? listEditorKey(state, route, step, key);
		if (edited) {
			return edited;
		}
	}

	const menuOwnsArrows = route.editor?.kind === 'menu' || route.editor?.kind === 'list';
	const page = stepTextHeight(state.size.rows, route.editor, step, trainingHintsHeight(trainingHintsView(state, step), state.size.columns));
	const delta = scrollDelta(key, page, !menuOwnsArrows);
	if (delta !== 0) {
		const total = stepLines(step, state.session, state.size.columns, state.runbook, state.now).length;
		return replaceTop(state, {...route, scroll: clampScroll(route.scroll + delta, total, page)});
	}

	if (route.editor?.kind === 'text') {
		// Every other key belongs to the field; nothing else may act on it.
		return key.escape || key.tab ? undefined : state;
	}

	if (route.editor?.kind === 'menu' && (key.enter || /^[1-9jk]$/.test(key.text))) {
		return state;
	}

	if (key.text === ']' || key.text === '[') {
		const target = neighbour(state, step.id, key.text === ']' ? 1 : -1);
		return target ? showStep(state, target.id) : state;
	}

	return kindKey(state, step, key);
}
