import {stepMarks} from '../../cli/marks.js';
import {stateOf} from '../../engine/gating.js';
import {skipReason} from '../../engine/skip-reason.js';
import {formatAge} from '../../engine/staleness.js';
import type {Session, StepRecord, StepState} from '../../engine/state.js';
import {savedInputWarnings} from '../../inputs/saved-input-warnings.js';
import type {Step} from '../../runbook/schema.js';

/** The colour family of a state; renderers drop it under NO_COLOR, the mark and word remain. */
export type Tone = 'good' | 'bad' | 'caution' | 'busy' | 'muted' | 'plain';

export const toneOf: Record<StepState, Tone> = {
	pending: 'plain',
	running: 'busy',
	passed: 'good',
	warned: 'caution',
	failed: 'bad',
	error: 'bad',
	skipped: 'muted',
	overridden: 'caution',
	done: 'good',
};

/**
Mark, word and tone of a step's state; a stale result says so in words. An input saved with a
warning (or no longer accepted) keeps the caution mark on the step list, not a plain "done".
*/
export function stepBadge(session: Session, stepId: string, step?: Step): {mark: string; word: string; tone: Tone} {
	const record = session.steps[stepId];
	const state = stateOf(session, stepId);
	if (record?.stale) {
		return {mark: '↻', word: `${state}, stale`, tone: 'caution'};
	}

	if (step?.kind === 'input' && state === 'done' && savedInputWarnings(step, session.inputs).length > 0) {
		return {mark: stepMarks.warned, word: 'done, with a warning', tone: 'caution'};
	}

	return {mark: stepMarks[state], word: state, tone: toneOf[state]};
}

/** Input values as one line: lists joined with commas. */
export function formatValue(value: string | string[]): string {
	return Array.isArray(value) ? (value.length === 0 ? '(empty list)' : value.join(', ')) : value;
}

/** One line saying what a step's record holds: a result summary, a value, who attested. */
export function stepDetail(step: Step, session: Session): string {
	const record: StepRecord | undefined = session.steps[step.id];
	if (record?.override) {
		// An override accepts one result: once that result is stale, the override no longer stands.
		return `${record.stale ? 'stale override, must re-run: ' : ''}overridden by ${record.override.by}: ${record.override.reason}`;
	}

	if (record?.state === 'skipped') {
		// Skipped is not passed: say why it did not run here.
		return `skipped: ${skipReason(session, step) ?? 'no reason recorded (see the journal)'}`;
	}

	if (step.kind === 'input') {
		const input = session.inputs[step.name];
		if (!input) {
			return 'not entered yet';
		}

		const warnings = savedInputWarnings(step, session.inputs);
		return `${formatValue(input.value)}${input.frozen ? ' (frozen)' : ''}${warnings.length > 0 ? ` · warning: ${warnings.join('; ')}` : ''}`;
	}

	if (record?.result) {
		return record.result.summary;
	}

	if (record?.command) {
		return record.command.failure ?? `exit code ${record.command.exitCode ?? '?'}`;
	}

	if (record?.confirmation) {
		return `attested by ${record.confirmation.by} at ${record.confirmation.at}`;
	}

	if (step.kind === 'instruction' && record?.state === 'done') {
		return `acknowledged by ${record.by ?? 'unknown'}`;
	}

	return step.title;
}

/** "4.2 s" for live elapsed times. */
export function formatElapsed(ms: number): string {
	return ms < 60_000 ? `${(Math.max(0, ms) / 1000).toFixed(1)} s` : formatAge(ms / 1000);
}

/** "5 min ago", from an ISO time. */
export function ago(iso: string | undefined, now: number): string {
	if (!iso) {
		return 'unknown';
	}

	return `${formatAge((now - Date.parse(iso)) / 1000)} ago`;
}
