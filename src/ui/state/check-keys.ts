import {stopRun} from './run.js';
import {requestOverride, requestRunStep} from './step-commands.js';
import type {UiState} from './ui-state.js';
import {startWatch} from './watch.js';

/** The keys that act on one check wherever it is chosen (phase steps, details): run, override, watch, stop. */
export function checkActionKey(state: UiState, stepId: string, text: string | undefined): UiState | undefined {
	switch (text) {
		case 'r': {
			return requestRunStep(state, stepId);
		}

		case 'o': {
			return requestOverride(state, stepId);
		}

		case 'w': {
			return startWatch(state, stepId);
		}

		case 's': {
			return stopRun(state);
		}

		default: {
			return undefined;
		}
	}
}
