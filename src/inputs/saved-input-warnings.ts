import type {InputRecord} from '../engine/state.js';
import type {InputStep} from '../runbook/schema.js';
import {validateInput} from './validate-input.js';

/**
What validation says today about a saved value: its warnings (one forwarder, an NTP name), or why
it would now be refused, since the inputs it is compared with may have changed after it was saved
(the BMC network entered again after the HLH). Recomputed, not stored: the rules are pure, so the
step list, the freeze and the reports can never disagree with what `set` would say now.
*/
export function savedInputWarnings(step: InputStep, inputs: Record<string, InputRecord>): string[] {
	const record = Object.hasOwn(inputs, step.name) ? inputs[step.name] : undefined;
	if (!record) {
		return [];
	}

	const others = Object.fromEntries(Object.entries(inputs).filter(([name]) => name !== step.name).map(([name, other]) => [name, other.value]));
	const verdict = validateInput(step, record.value, others);
	return verdict.ok ? verdict.warnings : [`no longer accepted: ${verdict.reason}`];
}

/** Inputs frozen by the change from `before` to `after`, each with its value and warnings: said again when values freeze. */
export function newlyFrozen(inputSteps: Iterable<InputStep>, before: Record<string, InputRecord>, after: Record<string, InputRecord>): string[] {
	const lines: string[] = [];
	for (const step of inputSteps) {
		const record = Object.hasOwn(after, step.name) ? after[step.name] : undefined;
		if (!record?.frozen || (Object.hasOwn(before, step.name) && before[step.name]?.frozen)) {
			continue;
		}

		const value = Array.isArray(record.value) ? record.value.join(', ') : record.value;
		const warnings = savedInputWarnings(step, after);
		lines.push(`${step.title} = ${value || '(empty)'}${warnings.length > 0 ? ` (warning: ${warnings.join('; ')})` : ''}`);
	}

	return lines;
}
