import {withEffect, withNotice} from './effects.js';
import {pushRoute} from './navigation.js';
import {startRun, stopRun} from './run.js';
import type {UiState, WatchConfig} from './ui-state.js';

/** Back-off before run `attempt` (1-based): base, doubled each time, capped (5 s, 10 s, 20 s … 60 s). */
export function backoffMs(attempt: number, config: WatchConfig): number {
	return Math.min(config.capMs, config.baseMs * 2 ** Math.max(0, attempt - 1));
}

const failing = new Set(['failed', 'error']);

/** Starts watching a failing check: the first re-run comes after the first back-off. */
export function startWatch(state: UiState, stepId: string): UiState {
	const step = state.runbook.phases.flatMap(phase => phase.steps).find(candidate => candidate.id === stepId);
	const record = state.session?.steps[stepId];
	if (step?.kind !== 'check') {
		return withNotice(state, 'error', 'watch re-runs a check; this step is not one');
	}

	if (!record || !failing.has(record.state)) {
		return withNotice(state, 'error', `watch re-runs a failing check until it passes; ${step.id} is ${record?.state ?? 'pending'}`);
	}

	const watch = {stepId, status: 'waiting' as const, attempt: 0, maxAttempts: state.watchConfig.maxAttempts, nextAt: state.now + backoffMs(1, state.watchConfig)};
	return pushRoute({...state, watch, notice: undefined}, {screen: 'watch', stepId});
}

/** On each tick: when the countdown reaches zero, re-run the check. */
export function watchTick(state: UiState): UiState {
	const {watch} = state;
	if (watch?.status !== 'waiting' || watch.nextAt === undefined || state.now < watch.nextAt || state.run?.running) {
		return state;
	}

	return startRun(state, {stepId: watch.stepId}, true);
}

/** After a watched run: fixed, out of attempts, or the next countdown. */
export function afterWatchRun(state: UiState, stopped: boolean): UiState {
	const {watch} = state;
	if (!watch) {
		return state;
	}

	const record = state.session?.steps[watch.stepId];
	if (stopped) {
		return {...state, watch: {...watch, status: 'stopped', nextAt: undefined}};
	}

	if (record && !failing.has(record.state) && record.state !== 'running') {
		// The operator may be at the switch or on the phone: ring, and notify where the terminal can.
		return withEffect({...state, watch: {...watch, status: 'fixed', nextAt: undefined}}, {type: 'alert', message: `${watch.stepId} ${record.state} (watched check fixed)`});
	}

	if (watch.attempt >= watch.maxAttempts) {
		return {...state, watch: {...watch, status: 'exhausted', nextAt: undefined}};
	}

	return {...state, watch: {...watch, status: 'waiting', nextAt: state.now + backoffMs(watch.attempt + 1, state.watchConfig)}};
}

/** The operator stops watching: a run in progress is stopped too. */
export function stopWatch(state: UiState): UiState {
	const {watch} = state;
	if (!watch || watch.status === 'fixed' || watch.status === 'exhausted' || watch.status === 'stopped') {
		return state;
	}

	const stopped = {...state, watch: {...watch, status: 'stopped' as const, nextAt: undefined}};
	return watch.status === 'running' ? stopRun(stopped) : stopped;
}

/** Skips the rest of the countdown. */
export function watchNow(state: UiState): UiState {
	const {watch} = state;
	return watch?.status === 'waiting' ? watchTick({...state, watch: {...watch, nextAt: state.now}}) : state;
}
