import type {CheckStatus, FixOwner} from '../checks/types.js';
import type {Action} from '../engine/actions.js';
import {locateStep} from '../engine/runbook-index.js';
import type {Session} from '../engine/state.js';
import type {Runbook} from '../runbook/schema.js';
import type {JournalEntry} from '../store/journal.js';
import {expectationsOf} from './expectations.js';
import type {TrainingState} from './training-state.js';

/** What became of one fault: the trainee's handling of a check that did not pass. */
export type FaultOutcome =
	/** A later run passed (the trainee, or the team they went to, fixed it). */
	| 'fixed'
	/** Handed to the team the finding names. */
	| 'escalated'
	/** Handed to a team, but not the one the finding names. */
	| 'escalated-elsewhere'
	/** Overridden instead of fixed or escalated. */
	| 'overridden'
	/** Seen, but neither fixed, escalated nor overridden (yet). */
	| 'open'
	/** The scenario has it, and the trainee never ran the check. */
	| 'not-run'
	/** The scenario has it, the trainee ran the check, but never while the fault was in force. */
	| 'not-seen';

export type FaultReport = {
	stepId: string;
	title: string;
	/** What the scenario expects the check to say, when it is one of the scenario's faults. */
	expected?: CheckStatus;
	/** Conditions the instructor injected that were in force when the trainee first saw it failing: part of the exercise too. */
	injected?: string[];
	/** The worst verdict the trainee saw, and the team it named. */
	seen?: CheckStatus;
	owner?: FixOwner;
	outcome: FaultOutcome;
	/** Whom the trainee escalated to, when they did. */
	escalatedTo?: string;
	/** Overridden where the scenario expects a fix or an escalation. */
	overrideWhereFixExpected: boolean;
};

export type PhaseTime = {phaseId: string; title: string; firstAt: string; lastAt: string; activeMs: number; actions: number};

export type TraineeSummary = {
	session: string;
	trainee: string;
	scenario: string;
	startedAt: string;
	lastActivity: string;
	/** The exercise's faults (the scenario's, and those the instructor injected), then other failures. */
	faults: FaultReport[];
	/**
	The exercise's faults, each counted once: found (seen failing; `handled` of them fixed or escalated
	to the right team), missed (run, never seen failing) or never run. found + missed + neverRun is the
	number of exercise faults listed; failures outside the exercise are counted apart (`outside`).
	*/
	found: number;
	handled: number;
	missed: number;
	neverRun: number;
	outside: number;
	phases: PhaseTime[];
	hints: {total: number; perStep: Record<string, number>};
	overrides: Array<{stepId: string; reason: string; by: string; at: string; whereFixExpected: boolean}>;
	/** The instructor's changes to the site during the exercise. */
	conditionChanges: TrainingState['history'];
};

const bad: ReadonlySet<CheckStatus> = new Set(['fail', 'warn', 'error']);
const severity: Record<CheckStatus, number> = {pass: 0, skipped: 1, warn: 2, error: 3, fail: 4};

/** The step an action is about, when it is about one. */
function stepOf(action: Action): string | undefined {
	return 'stepId' in action ? action.stepId : undefined;
}

/**
The entries the trainee made: everything after the exercise was set up (the session's creation and
the worksheet loaded with it are the instructor's, not the trainee's).
*/
function traineeEntries(entries: readonly JournalEntry[]): JournalEntry[] {
	const first = entries.findIndex(entry => !['session.created', 'input.set', 'position.moved'].includes(entry.action.type));
	return first === -1 ? [] : entries.slice(first);
}

function faultOf(stepId: string, runbook: Runbook, entries: readonly JournalEntry[], session: Session, expected: {status: CheckStatus; overrideOk?: boolean} | undefined): FaultReport | undefined {
	const runs = entries.filter(entry => entry.action.type === 'check.finished' && entry.action.stepId === stepId);
	const firstBad = runs.findIndex(entry => entry.action.type === 'check.finished' && bad.has(entry.action.result.status));
	const isFault = expected !== undefined && expected.status !== 'pass' && expected.status !== 'skipped';
	if (firstBad === -1 && !isFault) {
		return undefined;
	}

	const title = locateStep(runbook, stepId)?.step.title ?? stepId;
	const base = {stepId, title, ...(isFault ? {expected: expected.status} : {})};
	if (firstBad === -1) {
		return {...base, outcome: runs.length === 0 ? 'not-run' : 'not-seen', overrideWhereFixExpected: false};
	}

	const badRuns = runs.slice(firstBad).flatMap(entry => (entry.action.type === 'check.finished' && bad.has(entry.action.result.status) ? [entry.action.result] : []));
	const worst = badRuns.reduce((a, b) => (severity[b.status] > severity[a.status] ? b : a));
	const lastBad = badRuns.at(-1)!;
	const badSeq = runs[firstBad]!.seq;
	const fixed = runs.some(entry => entry.seq > badSeq && entry.action.type === 'check.finished' && entry.action.result.status === 'pass');
	const escalation = session.training?.escalations?.[stepId];
	const overridden = entries.some(entry => entry.seq > badSeq && entry.action.type === 'step.overridden' && entry.action.stepId === stepId);
	const owner = lastBad.owner ?? worst.owner;
	let outcome: FaultOutcome = 'open';
	if (fixed) {
		outcome = 'fixed';
	} else if (escalation) {
		outcome = escalation.owner === owner ? 'escalated' : 'escalated-elsewhere';
	} else if (overridden) {
		outcome = 'overridden';
	}

	return {
		...base,
		seen: worst.status,
		...(owner ? {owner} : {}),
		outcome,
		...(escalation ? {escalatedTo: escalation.owner} : {}),
		overrideWhereFixExpected: overridden && !fixed && !escalation && expected?.overrideOk !== true,
	};
}

/** The injected conditions in force at `at`, from the instructor's history of changes. */
function injectedAt(history: TrainingState['history'], at: string): string[] {
	const time = Date.parse(at);
	const inForce = new Set<string>();
	for (const change of history) {
		if (Date.parse(change.at) > time) {
			break;
		}

		if (change.action === 'inject') {
			inForce.add(change.name);
		} else if (change.action === 'clear') {
			inForce.delete(change.name);
		}
	}

	return [...inForce];
}

/** Whether a fault is part of the exercise: the scenario's, or one the instructor injected. */
export function isExerciseFault(fault: FaultReport): boolean {
	return fault.expected !== undefined || (fault.injected?.length ?? 0) > 0;
}

const foundOutcomes: ReadonlySet<FaultOutcome> = new Set(['fixed', 'escalated', 'escalated-elsewhere', 'overridden', 'open']);

function phaseTimes(runbook: Runbook, entries: readonly JournalEntry[]): PhaseTime[] {
	return runbook.phases.flatMap(phase => {
		const ids = new Set(phase.steps.map(step => step.id));
		const own = entries.filter(entry => {
			const stepId = stepOf(entry.action);
			return stepId !== undefined && ids.has(stepId) && entry.action.type !== 'position.moved';
		});
		if (own.length === 0) {
			return [];
		}

		const firstAt = own[0]!.action.at;
		const lastAt = own.at(-1)!.action.at;
		return [{phaseId: phase.id, title: phase.title, firstAt, lastAt, activeMs: Date.parse(lastAt) - Date.parse(firstAt), actions: own.length}];
	});
}

/**
Per trainee, what the instructor wants to know: the faults found (a failing check the trainee ran and
then fixed, or escalated to the team the finding names), the faults missed, the time spent per phase
(first to last action in it), hints used, and overrides where a fix or an escalation was expected.
Built from the journal, so it cannot be argued with.
*/
export function traineeSummary(runbook: Runbook, session: Session, entries: readonly JournalEntry[], state: TrainingState): TraineeSummary {
	const own = traineeEntries(entries);
	const expectations = expectationsOf(runbook, state.scenario);
	const stepIds = [...new Set([...expectations.keys(), ...own.flatMap(entry => (entry.action.type === 'check.finished' ? [entry.action.stepId] : []))])];
	const faults = stepIds.flatMap(stepId => {
		const fault = faultOf(stepId, runbook, own, session, expectations.get(stepId));
		if (!fault) {
			return [];
		}

		const firstBad = own.find(entry => entry.action.type === 'check.finished' && entry.action.stepId === stepId && bad.has(entry.action.result.status));
		const injected = firstBad && fault.expected === undefined ? injectedAt(state.history, firstBad.action.at) : [];
		return [injected.length > 0 ? {...fault, injected} : fault];
	}).sort((a, b) => Number(isExerciseFault(b)) - Number(isExerciseFault(a)));
	const exercise = faults.filter(fault => isExerciseFault(fault));
	const overrides = own.flatMap(entry => (entry.action.type === 'step.overridden' ? [entry.action] : [])).map(action => ({
		stepId: action.stepId,
		reason: action.reason,
		by: action.by,
		at: action.at,
		whereFixExpected: faults.some(fault => fault.stepId === action.stepId && fault.overrideWhereFixExpected),
	}));
	const perStep = session.training?.hints ?? {};
	return {
		session: session.name,
		trainee: state.trainee,
		scenario: state.scenario.id,
		startedAt: state.startedAt,
		lastActivity: session.updatedAt,
		faults,
		found: exercise.filter(fault => foundOutcomes.has(fault.outcome)).length,
		handled: exercise.filter(fault => fault.outcome === 'fixed' || fault.outcome === 'escalated').length,
		missed: exercise.filter(fault => fault.outcome === 'not-seen').length,
		neverRun: exercise.filter(fault => fault.outcome === 'not-run').length,
		outside: faults.length - exercise.length,
		phases: phaseTimes(runbook, own),
		hints: {total: Object.values(perStep).reduce((sum, count) => sum + count, 0), perStep},
		overrides,
		conditionChanges: state.history,
	};
}
