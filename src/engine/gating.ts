import type {Phase, Runbook, Step} from '../runbook/schema.js';
import {applies, sessionStep} from './applicability.js';
import type {Session, StepRecord, StepState} from './state.js';

/** States that let a phase gate open. `warned` passed with a caution; `skipped` did not apply here. */
const satisfyingStates: ReadonlySet<StepState> = new Set(['done', 'passed', 'warned', 'overridden', 'skipped']);

/** A step is satisfied when its state lets the gate open and its result is not stale. */
export function isSatisfied(record: StepRecord | undefined): boolean {
	return record !== undefined && satisfyingStates.has(record.state) && record.stale === undefined;
}

/** The state to show for a step, `pending` when it never ran. */
export function stateOf(session: Session, stepId: string): StepState {
	return session.steps[stepId]?.state ?? 'pending';
}

export type Blocker = {phaseId: string; phaseTitle: string; step: Step; state: StepState; stale: boolean; summary?: string};

/**
A phase is sealed once work has started in a later phase (a check, command, confirmation or
acknowledgement there; entering inputs early does not count). Its results stay as evidence, but
going stale (expiry, another vantage, an unfreeze) no longer locks the phases after it: the DVM is
gone after deployment, and the deploy phase re-verifies the frozen values itself.
*/
export function isPhaseSealed(runbook: Runbook, session: Session, phaseIndex: number): boolean {
	return runbook.phases.slice(phaseIndex + 1).some(phase =>
		phase.steps.some(step => step.kind !== 'input' && (session.steps[step.id]?.state ?? 'pending') !== 'pending'));
}

/** Satisfied, or satisfied but stale in a sealed phase. */
function satisfiedFor(record: StepRecord | undefined, sealed: boolean): boolean {
	return isSatisfied(record) || (sealed && record !== undefined && satisfyingStates.has(record.state));
}

/**
The blocking steps of one phase that are not satisfied. In a sealed phase staleness does not block.
Steps whose `when:` is false for this session do not apply and never block.
*/
export function phaseBlockers(session: Session, phase: Phase, sealed = false): Blocker[] {
	return phase.steps
		.filter(step => step.blocking && applies(session, phase, step) && !satisfiedFor(session.steps[step.id], sealed))
		.map(step => {
			const record = session.steps[step.id];
			return {
				phaseId: phase.id,
				phaseTitle: phase.title,
				// As the site reads it: titles may carry the site's values ({$input: …}, computed ranges).
				step: sessionStep(session, step),
				state: record?.state ?? 'pending',
				stale: record?.stale !== undefined,
				summary: record?.result?.summary ?? record?.command?.failure,
			};
		});
}

/** A phase is complete when none of its blocking steps is unsatisfied. */
export function isPhaseComplete(session: Session, phase: Phase): boolean {
	return phaseBlockers(session, phase).length === 0;
}

export type PhaseGate = {open: true} | {open: false; blockers: Blocker[]};

/** A phase opens only when every blocking step of every earlier phase is satisfied. */
export function phaseGate(runbook: Runbook, session: Session, phaseIndex: number): PhaseGate {
	const blockers = runbook.phases
		.slice(0, phaseIndex)
		.flatMap((phase, index) => phaseBlockers(session, phase, isPhaseSealed(runbook, session, index)));
	return blockers.length === 0 ? {open: true} : {open: false, blockers};
}

/**
`total` counts the steps that apply; `notApplicable` those whose `when:` is false for this session.
`passed` never includes `skipped` (a check that did not run here proved nothing), nor `stale` (results that must re-run).
*/
export type PhaseCounts = {passed: number; failed: number; pending: number; skipped: number; stale: number; total: number; notApplicable: number};

/** Counts for the phase overview: satisfied, failed (failed or error), skipped, stale, the rest, and the steps that do not apply. */
export function phaseCounts(session: Session, phase: Phase): PhaseCounts {
	const counts: PhaseCounts = {passed: 0, failed: 0, pending: 0, skipped: 0, stale: 0, total: 0, notApplicable: 0};
	for (const step of phase.steps) {
		const record = session.steps[step.id];
		if (!applies(session, phase, step)) {
			counts.notApplicable++;
			continue;
		}

		counts.total++;
		if (record?.state === 'failed' || record?.state === 'error') {
			counts.failed++;
		} else if (record?.stale && record.state !== 'running') {
			counts.stale++;
		} else if (record?.state === 'skipped') {
			counts.skipped++;
		} else if (isSatisfied(record)) {
			counts.passed++;
		} else {
			counts.pending++;
		}
	}

	return counts;
}

/** Applicable steps of a phase whose recorded result must re-run (an input changed or was unfrozen, expired, another host). */
export function staleSteps(session: Session, phase: Phase): Step[] {
	return phase.steps.filter(step => session.steps[step.id]?.stale !== undefined && applies(session, phase, step));
}

/** One line saying why a phase is locked, naming the failed checks. */
export function describeLock(blockers: readonly Blocker[]): string {
	const failed = blockers.filter(blocker => blocker.state === 'failed' || blocker.state === 'error');
	const first = blockers[0];
	if (!first) {
		return '';
	}

	if (failed.length > 0) {
		const names = failed.map(blocker => blocker.summary ? `${blocker.step.id} (${blocker.summary})` : blocker.step.id);
		const phases = [...new Set(failed.map(blocker => blocker.phaseTitle))].join(', ');
		return `locked: ${failed.length} blocking step${failed.length === 1 ? '' : 's'} failed in ${phases}: ${names.join(', ')}`;
	}

	const stale = blockers.filter(blocker => blocker.stale);
	if (stale.length > 0) {
		return `locked: ${stale.length} result${stale.length === 1 ? '' : 's'} must re-run: ${stale.map(blocker => blocker.step.id).join(', ')}`;
	}

	return `locked: ${blockers.length} blocking step${blockers.length === 1 ? '' : 's'} not done yet, next: ${first.phaseTitle} › ${first.step.title}`;
}

/**
The first step, in runbook order, that is not satisfied and whose phase is open; undefined when all done.
In a sealed phase only a result that must re-run (or a failed blocking step) is next: a pending
optional step there is not a reason to go back, but a stale result reopens the work.
*/
export function nextStep(runbook: Runbook, session: Session): {phase: Phase; step: Step} | undefined {
	for (const [phaseIndex, phase] of runbook.phases.entries()) {
		if (!phaseGate(runbook, session, phaseIndex).open) {
			return undefined;
		}

		if (isPhaseSealed(runbook, session, phaseIndex)) {
			const reopened = staleSteps(session, phase)[0] ?? phaseBlockers(session, phase, true)[0]?.step;
			if (reopened) {
				return {phase, step: phase.steps.find(step => step.id === reopened.id)!};
			}

			continue;
		}

		for (const step of phase.steps) {
			if (applies(session, phase, step) && !isSatisfied(session.steps[step.id])) {
				return {phase, step};
			}
		}
	}

	return undefined;
}
