import type {ProbeEvent} from '../../checks/types.js';
import {describeLock, phaseGate} from '../../engine/gating.js';
import {locateStep} from '../../engine/runbook-index.js';
import type {RunReport, RunTarget} from '../../engine/run-steps.js';
import {withEffect, withNotice} from './effects.js';
import type {UiState} from './ui-state.js';
import {afterWatchRun} from './watch.js';

function phaseIndexOf(state: UiState, target: RunTarget): number {
	if (target.phaseId) {
		return state.runbook.phases.findIndex(phase => phase.id === target.phaseId);
	}

	return target.stepId ? (locateStep(state.runbook, target.stepId)?.phaseIndex ?? -1) : -1;
}

/**
Starts checks through the engine's runSteps (one run at a time). A locked phase is refused here
with describeLock's reason, before any probe goes out; probe rows of the re-run steps are cleared.
*/
export function startRun(state: UiState, target: RunTarget, forWatch = false): UiState {
	if (!state.session) {
		return state;
	}

	if (state.run?.running) {
		return withNotice(state, 'error', 'checks are already running; s stops them');
	}

	const phaseIndex = phaseIndexOf(state, target);
	const phase = state.runbook.phases[phaseIndex];
	if (!phase) {
		return state;
	}

	const gate = phaseGate(state.runbook, state.session, phaseIndex);
	if (!gate.open) {
		return withNotice(state, 'error', `${phase.title} is ${describeLock(gate.blockers)}`);
	}

	const cleared = target.stepId ? [target.stepId] : phase.steps.map(step => step.id);
	const probes = {...state.probes};
	for (const stepId of cleared) {
		delete probes[stepId];
	}

	const runId = state.nextId;
	const next: UiState = {
		...state,
		probes,
		run: {id: runId, target, running: true, stopping: false, startedAt: state.now},
		...(forWatch && state.watch ? {watch: {...state.watch, status: 'running' as const, attempt: state.watch.attempt + 1, runId, nextAt: undefined}} : {}),
		notice: undefined,
	};
	return withEffect(next, {type: 'run', runId, target});
}

/** A probe started or ended: its row appears with a spinner, then gets its result. */
export function onProbe(state: UiState, runId: number, stepId: string, event: ProbeEvent, at: number): UiState {
	if (state.run?.id !== runId) {
		return state;
	}

	const rows = state.probes[stepId] ?? [];
	if (event.type === 'start') {
		return {...state, probes: {...state.probes, [stepId]: [...rows, {id: event.id, target: event.target, kind: event.kind, startedAt: at}]}};
	}

	return {
		...state,
		probes: {...state.probes, [stepId]: rows.map(row => (row.id === event.id && !row.record ? {...row, record: event.record, endedAt: at} : row))},
	};
}

function outcomeOf(report: RunReport): string[] {
	return [
		...(report.locked ? [report.locked] : []),
		...report.refused.map(item => `${item.stepId}: ${item.reason}`),
		...report.waiting.map(item => `${item.stepId} waits for you: ${item.title}`),
		...report.notApplicable.map(item => `${item.stepId} skipped, ${item.reason}`),
	];
}

function summaryOf(report: RunReport, stopped: boolean): string {
	const count = (states: string[]) => report.ran.filter(item => states.includes(item.state)).length;
	const parts = [`${count(['passed', 'warned', 'done'])} passed`, `${count(['failed', 'error'])} failed`];
	if (report.waiting.length > 0) {
		parts.push(`${report.waiting.length} wait for you`);
	}

	if (report.refused.length > 0) {
		parts.push(`${report.refused.length} refused`);
	}

	return `${stopped ? 'Stopped' : 'Run finished'}: ${parts.join(', ')}${report.locked ? ` · ${report.locked}` : ''}`;
}

/** The engine finished (or was stopped): rows keep their results; a watch decides its next try. */
export function onRunFinished(state: UiState, runId: number, report: RunReport | undefined, error: string | undefined): UiState {
	if (state.run?.id !== runId) {
		return state;
	}

	const stopped = state.run.stopping;
	let next: UiState = {...state, run: {...state.run, running: false, stopping: false, outcome: report ? outcomeOf(report) : [error ?? 'the run failed']}};
	next = error ? withNotice(next, 'error', error) : report ? withNotice(next, report.locked || report.refused.length ? 'error' : 'info', summaryOf(report, stopped)) : next;
	return state.watch?.runId === runId ? afterWatchRun(next, stopped) : next;
}

/** Asks the engine run to stop: probes abort, finished steps stay saved. */
export function stopRun(state: UiState): UiState {
	if (!state.run?.running || state.run.stopping) {
		return state;
	}

	return withEffect({...state, run: {...state.run, stopping: true}}, {type: 'stop-run'});
}
