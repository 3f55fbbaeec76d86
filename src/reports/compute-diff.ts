import {stepStateFromCheck} from '../engine/step-state.js';
import type {StepState} from '../engine/state.js';
import type {JournalEntry} from '../store/journal.js';

/** One recorded run of a check or command step, from the journal. */
export type RunRecord = {seq: number; at: string; by: string; state: StepState; summary: string; host: string};

export type StepChange = 'newly-failing' | 'fixed' | 'still-failing' | 'still-passing' | 'first-run' | 'not-rerun' | 'changed';

export type StepDiff = {
	stepId: string;
	change: StepChange;
	/** The run compared against: the last one at or before `since`, or the one before the latest. */
	before?: RunRecord;
	/** The latest run (after `since` when given). */
	after?: RunRecord;
	/** Still failing: when the current failure streak began. Fixed: when the fixed streak began. */
	failingSince?: string;
	runs: number;
};

export type RunDiff = {
	since?: string;
	steps: StepDiff[];
	counts: Record<StepChange, number>;
};

const passing = (state: StepState) => state === 'passed' || state === 'warned';
const failing = (state: StepState) => state === 'failed' || state === 'error';

/** Every check.finished and command.finished entry, per step, oldest first. */
export function runsFromJournal(entries: readonly JournalEntry[]): Map<string, RunRecord[]> {
	const runs = new Map<string, RunRecord[]>();
	for (const {seq, action} of entries) {
		let run: RunRecord | undefined;
		if (action.type === 'check.finished' && action.result.wrongPlace) {
			// Measured from the wrong place: not a run of this step's check, so never "fixed" nor "newly failing".
			continue;
		}

		if (action.type === 'check.finished') {
			run = {seq, at: action.at, by: action.by, state: stepStateFromCheck(action.result.status), summary: action.result.summary, host: action.result.vantage.host};
		} else if (action.type === 'command.finished') {
			const {command} = action;
			const summary = command.failure ?? (command.exitCode === undefined ? 'no exit code' : `exit code ${command.exitCode}`);
			run = {seq, at: action.at, by: action.by, state: action.state, summary, host: command.host};
		}

		if (run) {
			const stepId = (action as {stepId: string}).stepId;
			runs.set(stepId, [...(runs.get(stepId) ?? []), run]);
		}
	}

	return runs;
}

/**
What changed between runs, per check and command step, from the journal alone. With `since`
(ISO time), each step's last result at or before that time is compared with its latest result
after it: "what changed since the firewall change". Without it, each step's latest run is compared
with the run before.
*/
export function computeDiff(entries: readonly JournalEntry[], options: {since?: string} = {}): RunDiff {
	const sinceMs = options.since === undefined ? undefined : Date.parse(options.since);
	const steps: StepDiff[] = [];
	for (const [stepId, runs] of runsFromJournal(entries)) {
		let before: RunRecord | undefined;
		let after: RunRecord | undefined;
		if (sinceMs === undefined) {
			after = runs.at(-1);
			before = runs.at(-2);
		} else {
			before = runs.filter(run => Date.parse(run.at) <= sinceMs).at(-1);
			after = runs.filter(run => Date.parse(run.at) > sinceMs).at(-1);
		}

		const change = classify(before, after);
		const current = after ?? before;
		const streakStart = current && (change === 'still-failing' || change === 'fixed') ? streakBefore(runs, change === 'fixed' ? before! : current) : undefined;
		steps.push({stepId, change, ...(before ? {before} : {}), ...(after ? {after} : {}), ...(streakStart ? {failingSince: streakStart} : {}), runs: runs.length});
	}

	const counts = Object.fromEntries((['newly-failing', 'fixed', 'still-failing', 'still-passing', 'first-run', 'not-rerun', 'changed'] as const).map(change => [change, steps.filter(step => step.change === change).length])) as Record<StepChange, number>;
	return {...(options.since === undefined ? {} : {since: new Date(sinceMs!).toISOString()}), steps, counts};
}

function classify(before: RunRecord | undefined, after: RunRecord | undefined): StepChange {
	if (!after) {
		return 'not-rerun';
	}

	if (!before) {
		return 'first-run';
	}

	if (passing(before.state) && failing(after.state)) {
		return 'newly-failing';
	}

	if (failing(before.state) && passing(after.state)) {
		return 'fixed';
	}

	if (failing(before.state) && failing(after.state)) {
		return 'still-failing';
	}

	return passing(before.state) && passing(after.state) ? 'still-passing' : 'changed';
}

/** When the failure streak that includes `run` began. */
function streakBefore(runs: readonly RunRecord[], run: RunRecord): string {
	let start = run;
	for (let index = runs.indexOf(run); index >= 0 && failing(runs[index]!.state); index--) {
		start = runs[index]!;
	}

	return start.at;
}
