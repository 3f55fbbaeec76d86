import {locateStep} from '../engine/runbook-index.js';
import type {Session} from '../engine/state.js';
import type {Runbook} from '../runbook/schema.js';

const findingStates = new Set(['failed', 'warned', 'error', 'overridden']);

/** Why a step's finding cannot be escalated now, or undefined. The TUI's escalate key asks the same. */
export function escalationProblem(runbook: Runbook, session: Session, stepId: string): string | undefined {
	const location = locateStep(runbook, stepId);
	const record = session.steps[stepId];
	if (location?.step.kind !== 'check') {
		return `"${stepId}" is not a check step: only check findings are escalated`;
	}

	return !record || !findingStates.has(record.state) ? `${stepId} has no finding to escalate (${record?.state ?? 'not run yet'}); run it first` : undefined;
}
