import type {InputValue, Session} from '../../engine/state.js';
import type {OtherInputs} from '../../inputs/validate-input.js';
import type {InputStep} from '../../runbook/schema.js';

/** Every entered input's value, for rules that compare inputs (no overlapping networks). */
export function otherInputs(session: Session | undefined): OtherInputs {
	return Object.fromEntries(Object.entries(session?.inputs ?? {}).map(([name, record]) => [name, record.value]));
}

/** Whether an input is edited as a list, item by item. */
export function isListInput(step: InputStep): boolean {
	return step.type === 'ipv4-list' || step.type === 'cidr-list';
}

/** The value an editor starts from: the saved value, else the step's default. */
export function startingValue(step: InputStep, session: Session | undefined): InputValue | undefined {
	return session?.inputs[step.name]?.value ?? step.default;
}

/**
The same input with its count rules lifted: an item being added is judged on its own (format,
duplicates, overlaps), not on how many items the list has so far.
*/
export function itemRulesOnly(step: InputStep): InputStep {
	return {...step, rules: {...step.rules, minItems: 0, warnBelow: undefined, warnWhenEmpty: undefined}};
}
