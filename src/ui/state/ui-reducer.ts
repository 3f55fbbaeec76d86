import {locateStep} from '../../engine/runbook-index.js';
import {onCollectDone, onCollectProgress} from './collect.js';
import {onEngineDone, onEngineRefused, onSessionChanged, onSessionOpened} from './engine-results.js';
import {saveValue} from './editor-keys.js';
import {handleKey, quit} from './handle-key.js';
import {topRoute} from './navigation.js';
import {onRecordsFailed, onRecordsRead} from './records.js';
import {onProbe, onRunFinished} from './run.js';
import {startChoice} from './start-keys.js';
import type {UiAction} from './ui-actions.js';
import type {UiState} from './ui-state.js';
import {watchTick} from './watch.js';

function menuSelect(state: UiState, menu: 'start' | 'enum', value: string): UiState {
	if (menu === 'start') {
		return value === 'quit' ? quit(state) : startChoice(state, value);
	}

	const route = topRoute(state);
	const step = route.screen === 'step' ? locateStep(state.runbook, route.stepId)?.step : undefined;
	return route.screen === 'step' && step?.kind === 'input' && !state.dialog ? saveValue(state, route, step, value) : state;
}

/**
The TUI's one reducer. Pure: keys, ticks and engine reports in, the next state out; anything with
a side effect is queued in `effects` for the effect runner (see hooks/use-effect-runner.ts).
*/
export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'key': {
			return handleKey(action.now === undefined ? state : {...state, now: action.now}, action.key);
		}

		case 'tick': {
			return watchTick({...state, now: action.now});
		}

		case 'resize': {
			return {...state, size: action.size};
		}

		case 'menu.select': {
			return state.quitting ? state : menuSelect(state, action.menu, action.value);
		}

		case 'effects.flushed': {
			return {...state, effects: state.effects.filter(effect => effect.id > action.upTo)};
		}

		case 'session.opened': {
			// A training session acts as its trainee: who attests, overrides and notes is shown as them.
			return onSessionOpened({...state, now: action.now, operator: action.operator ?? state.operator}, action.session, action.findings, action.interrupted, action.scenario);
		}

		case 'session.open-failed': {
			return {...state, start: {...state.start, opening: false, error: action.message}};
		}

		case 'session.changed': {
			return onSessionChanged(state, action.session);
		}

		case 'engine.done': {
			return onEngineDone(state, action.effect, action.position);
		}

		case 'engine.refused': {
			return onEngineRefused(state, action.effect, action.message);
		}

		case 'run.probe': {
			return onProbe({...state, now: Math.max(state.now, action.at)}, action.runId, action.stepId, action.event, action.at);
		}

		case 'run.finished': {
			return onRunFinished({...state, now: Math.max(state.now, action.at)}, action.runId, action.report, action.error);
		}

		case 'collect.progress': {
			return onCollectProgress({...state, now: Math.max(state.now, action.at)}, action.runId, action.progress, action.at);
		}

		case 'collect.done': {
			return onCollectDone({...state, now: Math.max(state.now, action.at)}, action.runId, action.error);
		}

		case 'records.read': {
			return onRecordsRead(state, action.entries, action.command);
		}

		case 'records.failed': {
			return onRecordsFailed(state, action.message);
		}

		case 'quit.ready': {
			return {...state, exit: true};
		}
	}
}
