import type {CheckStatus} from '../checks/types.js';
import type {StepState} from './state.js';

const byStatus: Record<CheckStatus, StepState> = {
	pass: 'passed',
	warn: 'warned',
	fail: 'failed',
	error: 'error',
	skipped: 'skipped',
};

/** The step state a check verdict puts its step in. */
export function stepStateFromCheck(status: CheckStatus): StepState {
	return byStatus[status];
}
