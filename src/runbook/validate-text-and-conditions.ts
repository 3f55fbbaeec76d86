import {formatPath, type StepFileProblem} from './load-errors.js';
import {conditionsOf} from './conditions.js';
import type {InputStep, Runbook, When} from './schema.js';
import {siteTokens} from './site-text.js';
import {sourceKeys} from './sources.js';
import {didYouMean} from './suggest.js';
import type {YamlSource} from './yaml-source.js';

/*
What the schema cannot see in `when:`, `source:` and site values in text: conditions on inputs that
do not exist, come later or are not enums, values an enum can never take, sources the runbook does
not define, and `{$…}` tokens that name no input, the wrong kind of input, or no known function.
*/

type Defined = {step: InputStep; phaseIndex: number; stepIndex: number};

const textFields = ['title', 'body', 'why', 'onFailure', 'attestation'] as const;
const siteKinds = ['input', 'first', 'last'];

export function validateTextAndConditions(source: YamlSource, runbook: Runbook): StepFileProblem[] {
	const problems: StepFileProblem[] = [];
	const at = (path: PropertyKey[], message: string) => {
		const {line, column} = source.locate(path);
		problems.push({file: source.file, line, column, path: formatPath(path), message});
	};

	const inputs = new Map<string, Defined>();
	for (const [phaseIndex, phase] of runbook.phases.entries()) {
		for (const [stepIndex, step] of phase.steps.entries()) {
			if (step.kind === 'input' && !inputs.has(step.name)) {
				inputs.set(step.name, {step, phaseIndex, stepIndex});
			}
		}
	}

	/**
	An input usable at this place: defined, and entered before it (an earlier phase, or earlier in this
	one). Text may also show an input of its own phase entered later (or itself): it renders when shown.
	*/
	const usable = (name: string, path: PropertyKey[], phaseIndex: number, stepIndex: number, inText = false): Defined | undefined => {
		const defined = inputs.get(name);
		if (!defined) {
			at(path, `unknown input "${name}"${didYouMean(name, inputs.keys())}`);
			return undefined;
		}

		const later = defined.phaseIndex > phaseIndex || (!inText && defined.phaseIndex === phaseIndex && defined.stepIndex >= stepIndex);
		if (later) {
			at(path, `input "${name}" is entered later (${runbook.phases[defined.phaseIndex]!.id} › ${defined.step.id}); ${inText ? 'text can only show inputs of its own or an earlier phase' : 'a condition can only use inputs entered before it'}`);
			return undefined;
		}

		return defined;
	};

	const checkWhen = (when: When | undefined, path: PropertyKey[], phaseIndex: number, stepIndex: number) => {
		const list = conditionsOf(when);
		for (const [index, condition] of list.entries()) {
			const conditionPath = Array.isArray(when) ? [...path, index] : path;
			if (condition.is === undefined && condition.isNot === undefined) {
				at(conditionPath, 'a condition needs "is" or "isNot"');
			}

			const defined = usable(condition.input, [...conditionPath, 'input'], phaseIndex, stepIndex);
			if (!defined) {
				continue;
			}

			const options = defined.step.rules?.options;
			if (defined.step.type !== 'enum' || !options) {
				at([...conditionPath, 'input'], `input "${condition.input}" is ${defined.step.type}; conditions can only test enum inputs`);
				continue;
			}

			for (const key of ['is', 'isNot'] as const) {
				const raw = condition[key];
				const values = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
				for (const [valueIndex, value] of values.entries()) {
					if (!options.includes(value)) {
						at(typeof raw === 'string' ? [...conditionPath, key] : [...conditionPath, key, valueIndex], `"${condition.input}" can never be "${value}": its options are ${options.join(', ')}${didYouMean(value, options)}`);
					}
				}
			}
		}
	};

	const checkSources = (keys: string[], raw: unknown, path: PropertyKey[]) => {
		for (const [index, key] of keys.entries()) {
			if (!runbook.sources || !(key in runbook.sources)) {
				at(Array.isArray(raw) ? [...path, index] : path, `unknown source "${key}"; define it under sources at the top${didYouMean(key, Object.keys(runbook.sources ?? {}))}`);
			}
		}
	};

	const checkText = (text: string, path: PropertyKey[], phaseIndex: number, stepIndex: number) => {
		for (const token of siteTokens(text)) {
			if (!siteKinds.includes(token.kind)) {
				at(path, `unknown site value ${token.text}: use {$input: name}, {$first/27: network} or {$last/27: network}`);
				continue;
			}

			const defined = usable(token.name, path, phaseIndex, stepIndex, true);
			if (!defined || token.kind === 'input') {
				if (token.kind === 'input' && token.prefix !== undefined) {
					at(path, `${token.text}: {$input: …} takes no prefix`);
				}

				continue;
			}

			if (token.prefix === undefined) {
				at(path, `${token.text} needs a prefix length, e.g. {$${token.kind}/27: ${token.name}}`);
			} else if (defined.step.type !== 'cidr') {
				at(path, `${token.text}: input "${token.name}" is ${defined.step.type}, not a network (cidr)`);
			} else if (token.prefix > 32 || token.prefix < (defined.step.rules?.prefixMax ?? 0)) {
				at(path, `${token.text}: a /${token.prefix} does not fit in "${token.name}", which may be as small as a /${defined.step.rules?.prefixMax ?? 32}`);
			}
		}
	};

	for (const [phaseIndex, phase] of runbook.phases.entries()) {
		const phasePath: PropertyKey[] = ['phases', phaseIndex];
		checkWhen(phase.when, [...phasePath, 'when'], phaseIndex, -1);
		checkSources(sourceKeys(phase), phase.source, [...phasePath, 'source']);
		checkText(phase.title, [...phasePath, 'title'], phaseIndex, -1);
		checkText(phase.body, [...phasePath, 'body'], phaseIndex, -1);
		for (const [stepIndex, step] of phase.steps.entries()) {
			const stepPath: PropertyKey[] = [...phasePath, 'steps', stepIndex];
			checkWhen(step.when, [...stepPath, 'when'], phaseIndex, stepIndex);
			checkSources(sourceKeys(step), step.source, [...stepPath, 'source']);
			for (const field of textFields) {
				const text = (step as Partial<Record<(typeof textFields)[number], string>>)[field];
				if (text !== undefined) {
					checkText(text, [...stepPath, field], phaseIndex, stepIndex);
				}
			}

			for (const [index, hint] of (step.hints ?? []).entries()) {
				checkText(hint, [...stepPath, 'hints', index], phaseIndex, stepIndex);
			}
		}
	}

	return problems;
}
