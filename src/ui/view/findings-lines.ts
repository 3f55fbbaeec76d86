import {locateStep} from '../../engine/runbook-index.js';
import type {UiState} from '../state/ui-state.js';
import type {StyledLine} from './layout.js';
import {wrapText} from './wrap-text.js';

/** What resume found, as lines: notices, replayed journal entries, runbook changes, stale and interrupted results. */
export function findingsLines(state: UiState): StyledLine[] {
	const {findings, session} = state;
	if (!findings || !session) {
		return [];
	}

	const width = state.size.columns;
	const lines: StyledLine[] = [];
	const add = (text: string, tone?: StyledLine['tone']) => lines.push(...wrapText(text, width, '').map(line => ({text: line, tone})));
	for (const notice of findings.notices) {
		add(`· ${notice}`);
	}

	if (findings.replayed > 0) {
		add(`· ${findings.replayed} journal entr${findings.replayed === 1 ? 'y' : 'ies'} newer than the saved state were replayed: nothing that was reported done is lost`);
	}

	const changes = findings.runbookChanges;
	if (changes) {
		add(`· the runbook changed since this session started: ${changes.changed.length} changed, ${changes.added.length} added, ${changes.removed.length} removed step(s)${changes.changed.length ? ` (changed: ${changes.changed.join(', ')})` : ''}`, 'caution');
	}

	for (const stale of findings.stale) {
		add(`· ${stale.stepId} must re-run: ${stale.reason}`, 'caution');
	}

	for (const stepId of findings.interrupted) {
		add(`· ${stepId} was running when the last session stopped; its result was never recorded, so it must run again`, 'caution');
	}

	const location = locateStep(state.runbook, session.position.stepId);
	lines.push({text: ''}, {text: `Enter continues at ${location ? `${location.phase.title} › ${location.step.title}` : session.position.stepId}`, bold: true});
	return lines;
}
