import {phaseMarks} from '../../cli/marks.js';
import {localVantage} from '../../engine/local-vantage.js';
import {vantageLabels} from '../../engine/place.js';
import {statusView} from '../../engine/status.js';
import type {Session} from '../../engine/state.js';
import type {Runbook} from '../../runbook/schema.js';
import type {Tone} from './step-summary.js';
import {wrapText} from './wrap-text.js';

/** A phase line, or a line of the reason under a locked phase. */
export type OverviewLine =
	| {kind: 'phase'; index: number; mark: string; word: string; tone: Tone; title: string; counts: string; current: boolean}
	| {kind: 'reason'; phaseIndex: number; text: string}
	| {kind: 'vantage'; text: string};

const wordTone: Record<string, Tone> = {complete: 'good', 'must re-run': 'caution', 'in progress': 'busy', failing: 'bad', open: 'plain', locked: 'muted'};

/**
The phase overview as lines: every phase with mark, word and counts, the current one flagged in
words, and under the first locked phase the full reason (describeLock); later locked phases only
name the phase they wait behind, so the list stays short at 24 rows.
*/
export function overviewLines(runbook: Runbook, session: Session, width: number): {lines: OverviewLine[]; phaseLine: number[]} {
	const view = statusView(runbook, session);
	const lines: OverviewLine[] = [];
	const phaseLine: number[] = [];
	let firstLocked: string | undefined;
	for (const [index, phase] of view.phases.entries()) {
		const {passed, failed, pending, skipped, stale} = phase.counts;
		phaseLine.push(lines.length);
		lines.push({
			kind: 'phase',
			index,
			mark: phaseMarks[phase.word],
			word: phase.word,
			tone: wordTone[phase.word] ?? 'plain',
			title: `${index + 1}. ${phase.title}`,
			counts: `${passed} passed · ${failed} failed · ${pending} pending${skipped ? ` · ${skipped} skipped` : ''}${stale ? ` · ${stale} must re-run` : ''}`,
			current: phase.current,
		});
		if (phase.lockReason) {
			if (firstLocked === undefined) {
				firstLocked = phase.title;
				for (const text of wrapText(phase.lockReason, width, '      ')) {
					lines.push({kind: 'reason', phaseIndex: index, text});
				}
			} else {
				lines.push({kind: 'reason', phaseIndex: index, text: `      locked: earlier phases are not complete (see ${firstLocked})`});
			}
		}
	}

	// Which vantages still owe results the work has reached, and how to bring them (a pass from one host is not a pass for all).
	const reached = new Set(runbook.phases.slice(0, runbook.phases.findIndex(phase => phase.id === session.position.phaseId) + 1).flatMap(phase => phase.steps.map(step => step.id)));
	const here = localVantage(runbook, session);
	const owing = view.vantages.filter(standing => standing.vantage !== here && standing.hosts.length === 0 && standing.owed.some(stepId => reached.has(stepId)));
	for (const standing of owing) {
		const last = standing.lastCollect && !standing.lastCollect.ok ? ` (last collect from ${standing.lastCollect.destination} failed)` : '';
		for (const text of wrapText(`${vantageLabels[standing.vantage]} owes ${standing.owed.length} result(s)${last}: press c to collect them over SSH, or run them there`, width, '  ')) {
			lines.push({kind: 'vantage', text});
		}
	}

	return {lines, phaseLine};
}
