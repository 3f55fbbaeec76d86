import {notesAbout} from '../../engine/session-notes.js';
import {formatAge} from '../../engine/staleness.js';
import {describeRecurring, recurringStanding} from '../../engine/recurring.js';
import {formatDateTime} from '../../journal/format-time.js';
import type {Session} from '../../engine/state.js';
import {applicability, sessionStep} from '../../engine/applicability.js';
import {locateStep} from '../../engine/runbook-index.js';
import type {Runbook, Step} from '../../runbook/schema.js';
import {citedSources, formatSource} from '../../runbook/sources.js';
import type {StyledLine} from './layout.js';
import {formatValue, stepBadge, stepDetail} from './step-summary.js';
import {wrapText} from './wrap-text.js';

const kindWords: Record<Step['kind'], string> = {
	instruction: 'instruction',
	input: 'input',
	confirm: 'confirmation',
	check: 'check',
	command: 'command',
};

/** The step's heading: title, kind and whether the gate waits for it. */
export function stepHeading(step: Step): string {
	return `${step.title} · ${kindWords[step.kind]}${step.blocking ? '' : ' · not blocking'}`;
}

/**
The readable part of the step view, wrapped to the width: state, what to do (body), why, what to
do on failure, and what the record holds (attestation, override, fix time).
*/
export function stepLines(rawStep: Step, session: Session, width: number, runbook?: Runbook, now = Date.now()): StyledLine[] {
	const step = sessionStep(session, rawStep);
	const record = session.steps[step.id];
	const badge = stepBadge(session, step.id, step);
	const lines: StyledLine[] = [];
	const detail = stepDetail(step, session);
	lines.push({text: `${badge.mark} ${badge.word}${detail !== step.title ? ` — ${detail}` : ''}`, tone: badge.tone, bold: true});
	const location = runbook ? locateStep(runbook, step.id) : undefined;
	const verdict = location ? applicability(session, location.phase, rawStep) : undefined;
	if (verdict && !verdict.applies) {
		lines.push(...wrapText(`${verdict.reason}; it does not gate the phase`, width).map(text => ({text, tone: 'caution' as const})));
	}

	if (record?.stale) {
		lines.push(...wrapText(`must re-run: ${record.stale.reason}`, width).map(text => ({text, tone: 'caution' as const})));
	}

	if (record?.fixedAfterMs !== undefined && (record.state === 'passed' || record.state === 'warned')) {
		lines.push({text: `fixed after ${formatAge(record.fixedAfterMs / 1000)}`, tone: 'good'});
	}

	const section = (label: string, text: string | undefined) => {
		if (text) {
			lines.push({text: ''}, {text: label, bold: true}, ...wrapText(text, width).map(line => ({text: line})));
		}
	};

	section('What to do', step.body);
	section('Why', step.why);
	section('If it fails', step.onFailure);
	if (step.kind === 'confirm') {
		section('You attest', step.attestation);
		const recurring = recurringStanding(step, record);
		if (recurring) {
			// Attesting again (c) records the next occurrence.
			section('Recurring checkpoint', `${describeRecurring(recurring, new Date(now), iso => formatDateTime(iso, {timeZone: 'UTC'}))}. Attest it again (c) each time.`);
			const earlier = (record?.occurrences ?? []).slice(-5, -1).reverse();
			if (earlier.length > 0) {
				lines.push(...wrapText(`earlier: ${earlier.map(occurrence => `${formatDateTime(occurrence.at, {timeZone: 'UTC'})} ${occurrence.by}`).join('; ')}`, width).map(text => ({text})));
			}
		}
	}

	const sources = runbook ? [...citedSources(runbook, step), ...(location ? citedSources(runbook, location.phase) : [])] : [];
	if (sources.length > 0) {
		section('Why we check this (source)', sources.map(formatSource).join('; '));
	}

	const notes = notesAbout(session, step.id);
	if (notes.length > 0) {
		lines.push({text: ''}, {text: `Notes (${notes.length})`, bold: true});
		for (const note of notes) {
			lines.push(...wrapText(`${formatDateTime(note.at, {timeZone: 'UTC'})} ${note.by}: ${note.text}`, width).map(text => ({text})));
		}
	}

	if (step.kind === 'input') {
		const input = session.inputs[step.name];
		if (input?.frozen) {
			section('Frozen', `${formatValue(input.value)} is frozen since ${input.frozenAt ?? 'its phase completed'}; later phases compare against it. Changing it means an unfreeze with a reason (u).`);
		}
	}

	return lines;
}
