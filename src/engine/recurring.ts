import {formatAge} from './staleness.js';
import {durationSeconds} from './durations.js';
import type {ConfirmStep} from '../runbook/schema.js';
import type {Stamp, StepRecord} from './state.js';

/** The state keeps the latest occurrences (the journal keeps them all): a deployment runs for days, not years. */
const keptOccurrences = 200;

/** The occurrences with one more at the end, bounded. */
export function withOccurrence(occurrences: readonly Stamp[] | undefined, occurrence: Stamp): Stamp[] {
	return [...(occurrences ?? []), occurrence].slice(-keptOccurrences);
}

/** Where a recurring step stands: how often, how many times done, the last time, when the next is due. */
export type RecurringStanding = {
	stepId: string;
	everySeconds: number;
	count: number;
	last?: Stamp;
	/** ISO time the next occurrence is due (the last plus `every`); undefined before the first. */
	nextDue?: string;
};

export function recurringStanding(step: ConfirmStep, record: StepRecord | undefined): RecurringStanding | undefined {
	if (!step.recurring) {
		return undefined;
	}

	const everySeconds = durationSeconds(step.recurring.every);
	const occurrences = record?.occurrences ?? [];
	const last = occurrences.at(-1);
	return {
		stepId: step.id,
		everySeconds,
		count: occurrences.length,
		...(last ? {last, nextDue: new Date(Date.parse(last.at) + everySeconds * 1000).toISOString()} : {}),
	};
}

/** `every 24h · 3 times · last 2026-03-02T09:00:00.000Z by bob · next due 2026-03-03T09:00:00.000Z (in 5h)`, or `… due now (overdue by 2h)`. */
export function describeRecurring(standing: RecurringStanding, now: Date, format: (iso: string) => string = iso => iso): string {
	const every = `every ${formatAge(standing.everySeconds)}`;
	if (!standing.last || !standing.nextDue) {
		return `${every} · not done yet: due now`;
	}

	const remaining = (Date.parse(standing.nextDue) - now.getTime()) / 1000;
	const due = remaining > 0 ? `next due ${format(standing.nextDue)} (in ${formatAge(remaining)})` : `due now (overdue by ${formatAge(-remaining)}, since ${format(standing.nextDue)})`;
	return `${every} · ${standing.count} time${standing.count === 1 ? '' : 's'} · last ${format(standing.last.at)} by ${standing.last.by} · ${due}`;
}
