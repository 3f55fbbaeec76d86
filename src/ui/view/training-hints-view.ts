import type {Step} from '../../runbook/schema.js';
import {hintsOf, shownHints} from '../../training/hints.js';
import type {UiState} from '../state/ui-state.js';
import {wrapText} from './wrap-text.js';

/** What TrainingHints shows under a step: the hints asked for and how many there are. */
export type TrainingHintsView = {shown: string[]; total: number};

/** The step's hints in a training session; undefined outside training or for a step without hints. */
export function trainingHintsView(state: UiState, step: Step): TrainingHintsView | undefined {
	if (!state.session?.training) {
		return undefined;
	}

	const total = hintsOf(step, state.scenario).length;
	return total === 0 ? undefined : {shown: shownHints(state.session, step, state.scenario), total};
}

/** Lines the hints block takes under the step text (its title, the wrapped hints, and a blank line above). */
export function trainingHintsHeight(view: TrainingHintsView | undefined, width: number): number {
	if (!view) {
		return 0;
	}

	return 2 + view.shown.reduce((lines, hint, index) => lines + wrapText(`${index + 1}. ${hint}`, width).length, 0);
}
