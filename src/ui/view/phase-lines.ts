import {sessionStep} from '../../engine/applicability.js';
import type {Phase} from '../../runbook/schema.js';
import type {Session} from '../../engine/state.js';
import type {ProbeRow} from '../state/ui-state.js';
import {spinnerFrame} from './spinner.js';
import {formatElapsed, stepBadge, stepDetail, type Tone} from './step-summary.js';
import {marks} from '../glyphs.js';

/** A step of the phase, or one probe of a check under it. */
export type PhaseLine =
	| {kind: 'step'; stepIndex: number; stepId: string; mark: string; word: string; tone: Tone; title: string; detail: string}
	| {kind: 'probe'; stepId: string; mark: string; word: string; tone: Tone; text: string};

/** One probe row: a spinner and elapsed time while it runs, then a mark, a word and what came back. */
export function probeLine(stepId: string, row: ProbeRow, now: number): PhaseLine {
	if (!row.record) {
		return {kind: 'probe', stepId, mark: spinnerFrame(now), word: 'running', tone: 'busy', text: `${row.target}  ${formatElapsed(now - row.startedAt)}`};
	}

	const {record} = row;
	const took = `${Math.round(record.durationMs)} ms`;
	const from = record.localAddress ? `  from ${record.localAddress}` : '';
	return record.ok
		? {kind: 'probe', stepId, mark: marks.ok, word: 'ok', tone: 'good', text: `${row.target}  ${took}${from}`}
		: {kind: 'probe', stepId, mark: marks.fail, word: record.errorCode ?? 'failed', tone: 'bad', text: `${row.target}  ${took}${from}`};
}

/** "2 other probes answered" under failed rows; "all 16 probes answered" when none is listed above it. */
function answeredCount(passed: number, listed: number): string {
	if (listed > 0) {
		return `${passed} other probe${passed === 1 ? '' : 's'} answered`;
	}

	return passed === 1 ? 'the one probe answered' : `all ${passed} probes answered`;
}

/**
Probe rows under a check: all of them while it runs; once it finished, only the probes that failed
plus one line counting the rest (details list them all), so one check with sixteen probes does not
push the rest of the phase off the screen.
*/
export function probeRows(stepId: string, rows: ProbeRow[], now: number): PhaseLine[] {
	if (rows.some(row => !row.record)) {
		return rows.map(row => probeLine(stepId, row, now));
	}

	const failed = rows.filter(row => !row.record?.ok);
	const passed = rows.length - failed.length;
	return [
		...failed.map(row => probeLine(stepId, row, now)),
		...(passed > 0 ? [{kind: 'probe' as const, stepId, mark: marks.ok, word: 'ok', tone: 'good' as const, text: `${answeredCount(passed, failed.length)} (d lists them)`}] : []),
	];
}

/**
The phase's steps as rows, each with mark, word and a one-line detail; a running step shows a
spinner and its elapsed time. Probe rows of the latest run sit under their check.
*/
export function phaseLines(phase: Phase, session: Session, probes: Record<string, ProbeRow[]>, now: number): {lines: PhaseLine[]; stepLine: number[]} {
	const lines: PhaseLine[] = [];
	const stepLine: number[] = [];
	for (const [stepIndex, step] of phase.steps.entries()) {
		const badge = stepBadge(session, step.id, step);
		const record = session.steps[step.id];
		const running = record?.state === 'running';
		stepLine.push(lines.length);
		lines.push({
			kind: 'step',
			stepIndex,
			stepId: step.id,
			mark: running ? spinnerFrame(now) : badge.mark,
			word: badge.word,
			tone: badge.tone,
			title: sessionStep(session, step).title,
			detail: running ? formatElapsed(now - Date.parse(record.updatedAt)) : stepDetail(step, session),
		});
		lines.push(...probeRows(step.id, probes[step.id] ?? [], now));
	}

	return {lines, stepLine};
}
