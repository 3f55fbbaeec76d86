import type {Condition, Phase, Step, When} from './schema.js';

/*
Conditional steps: `when:` on a step or a phase names an enum input and the values it must (or must
not) have. A condition whose input has no value yet is undecided, and an undecided step applies:
nothing is skipped on a guess.
*/

/** Input values as the engine keeps them. */
export type InputValues = Readonly<Record<string, string | readonly string[] | undefined>>;

export type Applicability = {applies: true} | {applies: false; reason: string};

/** The conditions of a `when:` as a list (one condition or all of several). */
export function conditionsOf(when: When | undefined): Condition[] {
	if (when === undefined) {
		return [];
	}

	return Array.isArray(when) ? when : [when];
}

const asList = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

/** The first condition that is false for these values, with a sentence saying why; undefined when all hold or are undecided. */
function failedCondition(when: When | undefined, values: InputValues): string | undefined {
	for (const condition of conditionsOf(when)) {
		const value = values[condition.input];
		if (value === undefined || typeof value !== 'string') {
			continue;
		}

		const wanted = asList(condition.is);
		if (wanted.length > 0 && !wanted.includes(value)) {
			return `${condition.input} is ${value}; this applies only when it is ${wanted.join(' or ')}`;
		}

		const unwanted = asList(condition.isNot);
		if (unwanted.includes(value)) {
			return `${condition.input} is ${value}; this does not apply then`;
		}
	}

	return undefined;
}

/** Whether a step applies, given its phase's and its own conditions. */
export function stepApplicability(phase: Phase, step: Step, values: InputValues): Applicability {
	const reason = failedCondition(phase.when, values) ?? failedCondition(step.when, values);
	return reason === undefined ? {applies: true} : {applies: false, reason: `not applicable: ${reason}`};
}
