import type {Runbook} from '../runbook/schema.js';
import {applicability, sessionStep} from './applicability.js';
import {describeLock, isPhaseSealed, nextStep, phaseBlockers, phaseCounts, phaseGate, type PhaseCounts} from './gating.js';
import type {Session} from './state.js';
import {recurringStanding, type RecurringStanding} from './recurring.js';
import {vantageStandings, type VantageStanding} from './vantage-standing.js';

/** `must re-run`: everything was done, but results there are stale (an input changed or was unfrozen): never `complete`. */
export type PhaseStatusWord = 'complete' | 'must re-run' | 'in progress' | 'failing' | 'open' | 'locked';

export type PhaseStatus = {
	id: string;
	title: string;
	word: PhaseStatusWord;
	counts: PhaseCounts;
	/** Why the phase is locked, naming the blocking steps. */
	lockReason?: string;
	current: boolean;
};

export type StatusView = {
	session: string;
	runbookId: string;
	training?: Session['training'];
	phases: PhaseStatus[];
	next?: {phaseId: string; phaseTitle: string; stepId: string; stepTitle: string};
	complete: boolean;
	updatedAt: string;
	frozenInputs: string[];
	/** `stale`: the result the override accepted must re-run (why); the override no longer stands for it. */
	overrides: Array<{stepId: string; reason: string; by: string; at: string; stale?: string}>;
	stale: Array<{stepId: string; reason: string}>;
	/** Steps whose `when:` is false for this session: not counted, not gating, and why. */
	notApplicable: Array<{stepId: string; reason: string}>;
	/** Per vantage: which host proved what, and which steps are still owed. */
	vantages: VantageStanding[];
	/** Recurring checkpoints: how often, the last time, when the next is due. */
	recurring: RecurringStanding[];
};

/** The whole standing of a session, computed from state: one model for the CLI, the TUI and reports. */
export function statusView(runbook: Runbook, session: Session): StatusView {
	const next = nextStep(runbook, session);
	const phases = runbook.phases.map((phase, index): PhaseStatus => {
		const gate = phaseGate(runbook, session, index);
		const counts = phaseCounts(session, phase);
		const complete = phaseBlockers(session, phase, isPhaseSealed(runbook, session, index)).length === 0;
		let word: PhaseStatusWord;
		if (!gate.open) {
			word = 'locked';
		} else if (complete && counts.stale === 0) {
			word = 'complete';
		} else if (counts.failed > 0 && !complete) {
			word = 'failing';
		} else if (counts.stale > 0) {
			word = 'must re-run';
		} else {
			word = counts.passed + counts.skipped > 0 ? 'in progress' : 'open';
		}

		return {
			id: phase.id,
			title: phase.title,
			word,
			counts,
			...(gate.open ? {} : {lockReason: describeLock(gate.blockers)}),
			// Where the work is (the next step to do), not the phase last browsed; once all is done, the last position.
			current: phase.id === (next?.phase.id ?? session.position.phaseId),
		};
	});

	return {
		session: session.name,
		runbookId: session.runbookId,
		...(session.training ? {training: session.training} : {}),
		phases,
		...(next ? {next: {phaseId: next.phase.id, phaseTitle: next.phase.title, stepId: next.step.id, stepTitle: sessionStep(session, next.step).title}} : {}),
		complete: next === undefined && phases.every(phase => phase.word === 'complete'),
		updatedAt: session.updatedAt,
		frozenInputs: Object.entries(session.inputs).filter(([, record]) => record.frozen).map(([name]) => name),
		overrides: Object.entries(session.steps).flatMap(([stepId, record]) => (record.override ? [{stepId, ...record.override, ...(record.stale ? {stale: record.stale.reason} : {})}] : [])),
		stale: Object.entries(session.steps).flatMap(([stepId, record]) => (record.stale ? [{stepId, reason: record.stale.reason}] : [])),
		notApplicable: runbook.phases.flatMap(phase => phase.steps.flatMap(step => {
			const verdict = applicability(session, phase, step);
			return verdict.applies ? [] : [{stepId: step.id, reason: verdict.reason}];
		})),
		vantages: vantageStandings(runbook, session),
		recurring: runbook.phases.flatMap(phase => phase.steps.flatMap(step => (step.kind === 'confirm' ? recurringStanding(step, session.steps[step.id]) ?? [] : []))),
	};
}
