import {formatAge} from '../../engine/staleness.js';
import type {Session} from '../../engine/state.js';
import type {UiState, WatchConfig, WatchState} from '../state/ui-state.js';
import {backoffMs} from '../state/watch.js';
import type {StyledLine} from './layout.js';
import {spinnerFrame} from './spinner.js';
import {formatElapsed, stepBadge, stepDetail} from './step-summary.js';
import {marks} from '../glyphs.js';

function schedule(config: WatchConfig): string {
	const steps = [1, 2, 3, 4].map(attempt => formatAge(backoffMs(attempt, config) / 1000));
	return `back-off ${[...new Set(steps)].join(', ')} … at most ${formatAge(config.capMs / 1000)}`;
}

/** The status line of a watch: the countdown, the run in progress, or how it ended. */
function statusLine(watch: WatchState, session: Session, now: number, runStartedAt: number | undefined): StyledLine {
	const record = session.steps[watch.stepId];
	switch (watch.status) {
		case 'waiting': {
			const seconds = Math.max(0, Math.ceil(((watch.nextAt ?? now) - now) / 1000));
			return {text: `next try in ${seconds} s (r runs now, s stops)`, tone: 'busy', bold: true};
		}

		case 'running': {
			return {text: `${spinnerFrame(now)} running attempt ${watch.attempt}… ${formatElapsed(now - (runStartedAt ?? now))}`, tone: 'busy', bold: true};
		}

		case 'fixed': {
			const after = record?.fixedAfterMs === undefined ? '' : ` after ${formatAge(record.fixedAfterMs / 1000)}`;
			return {text: `${marks.ok} fixed${after} (attempt ${watch.attempt})`, tone: 'good', bold: true};
		}

		case 'stopped': {
			return {text: `stopped after ${watch.attempt} attempt${watch.attempt === 1 ? '' : 's'}`, tone: 'muted', bold: true};
		}

		case 'exhausted': {
			return {text: `gave up after ${watch.attempt} attempts: still ${record?.state ?? 'failing'}`, tone: 'bad', bold: true};
		}
	}
}

/** The watch screen as lines: attempt count and schedule, the countdown or outcome, the last result. */
export function watchLines(state: UiState): StyledLine[] {
	const {watch, session} = state;
	if (!watch || !session) {
		return [];
	}

	const badge = stepBadge(session, watch.stepId);
	const step = state.runbook.phases.flatMap(phase => phase.steps).find(candidate => candidate.id === watch.stepId);
	const runStartedAt = state.run?.running ? state.run.startedAt : undefined;
	return [
		{text: `attempt ${watch.attempt} of ${watch.maxAttempts} · ${schedule(state.watchConfig)}`},
		statusLine(watch, session, state.now, runStartedAt),
		{text: ''},
		{text: `last result: ${badge.mark} ${badge.word} — ${step ? stepDetail(step, session) : ''}`, tone: badge.tone},
	];
}
