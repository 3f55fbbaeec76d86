import type {Session} from '../engine/state.js';
import type {Step} from '../runbook/schema.js';
import type {Scenario} from './scenario-schema.js';

/** A step's hints in the order they are given: the step file's own, then the scenario's. */
export function hintsOf(step: Step, scenario: Scenario | undefined): string[] {
	return [...(step.hints ?? []), ...(scenario?.hints?.[step.id] ?? [])];
}

/** The hints of a step the trainee has already seen, in order. */
export function shownHints(session: Session, step: Step, scenario: Scenario | undefined): string[] {
	return hintsOf(step, scenario).slice(0, session.training?.hints?.[step.id] ?? 0);
}

/** The next hint to show (1-based number and text), or undefined when all were shown or there are none. */
export function nextHint(session: Session, step: Step, scenario: Scenario | undefined): {number: number; total: number; text: string} | undefined {
	const hints = hintsOf(step, scenario);
	const shown = session.training?.hints?.[step.id] ?? 0;
	const text = hints[shown];
	return text === undefined ? undefined : {number: shown + 1, total: hints.length, text};
}
