import type {StepState} from '../engine/state.js';
import type {PhaseStatusWord} from '../engine/status.js';
import {asciiGlyphs} from '../ui/glyphs.js';

/** A mark and a word for every state: meaning never rests on colour alone. */
const unicodeStepMarks: Record<StepState, string> = {
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

/** The same in plain ASCII, for consoles without the glyphs (src/ui/glyphs.ts). */
const asciiStepMarks: Record<StepState, string> = {
	pending: '.',
	running: '~',
	passed: '+',
	warned: '!',
	failed: 'x',
	error: '?',
	skipped: '-',
	overridden: 'F',
	done: '+',
};

export const stepMarks = asciiGlyphs ? asciiStepMarks : unicodeStepMarks;

/** A step whose run was stopped (Ctrl+C): not a state, an event. */
export const cancelledMark = asciiGlyphs ? '/' : '⊘';

const unicodePhaseMarks: Record<PhaseStatusWord, string> = {
	complete: '✔',
	'must re-run': '↻',
	'in progress': '▸',
	failing: '✖',
	open: '○',
	locked: '■',
};

const asciiPhaseMarks: Record<PhaseStatusWord, string> = {
	complete: '+',
	'must re-run': 'r',
	'in progress': '>',
	failing: 'x',
	open: 'o',
	locked: '#',
};

export const phaseMarks = asciiGlyphs ? asciiPhaseMarks : unicodePhaseMarks;
