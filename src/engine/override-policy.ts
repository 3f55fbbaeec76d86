import type {Step} from '../runbook/schema.js';
import type {StepRecord} from './state.js';

/**
Why an override is not possible here, or undefined when it is. An override accepts a failing result
and nothing else: a pass needs none, a step that needs a person needs that person (confirm,
acknowledge, a value), and a check that never ran has no result to accept.
*/
export function overrideProblem(step: Step, record: StepRecord | undefined): string | undefined {
	if (!step.overridable) {
		return `step "${step.id}" cannot be overridden: ${step.notOverridableReason ?? 'the runbook marks it as not overridable'}`;
	}

	if (record?.stale) {
		// An override accepts one measured result; a stale one proves nothing now, so it is measured again first.
		return `step "${step.id}" has a stale result (${record.stale.reason}): re-run it first, then override the new result if it still fails`;
	}

	const state = record?.state ?? 'pending';
	const earned = state === 'overridden' ? record?.resultState : state;
	if (earned === 'failed' || earned === 'error') {
		return undefined;
	}

	if (step.kind !== 'check' && step.kind !== 'command') {
		return `step "${step.id}" is ${step.kind === 'confirm' ? 'an attestation: confirm it' : step.kind === 'input' ? 'an input: enter its value' : 'an instruction: acknowledge it'}; only a failing check or command can be overridden`;
	}

	return `step "${step.id}" has no failing result to override (it is ${state}); only a failed or error result can be overridden`;
}
