import type {StepState} from '../engine/state.js';
import type {PhaseStatusWord} from '../engine/status.js';

/** A mark and a word for every state: meaning never rests on colour alone. */
export const stepMarks: Record<StepState, string> = {
	pending: '·',
	running: '…',
	passed: '✔',
	warned: '!',
	failed: '✖',
	error: '?',
	skipped: '-',
	overridden: '⚑',
	done: '✔',
};

/** A step whose run was stopped (Ctrl+C): not a state, an event. */
export const cancelledMark = '⊘';

export const phaseMarks: Record<PhaseStatusWord, string> = {
	complete: '✔',
	'in progress': '▸',
	failing: '✖',
	open: '○',
	locked: '🔒',
};
