import {inputSteps, locateStep} from '../engine/runbook-index.js';
import type {InputValue} from '../engine/state.js';
import {splitList, validateInput} from '../inputs/validate-input.js';
import {formatPath, type StepFileProblem} from '../runbook/load-errors.js';
import type {Runbook} from '../runbook/schema.js';
import {didYouMean} from '../runbook/suggest.js';
import type {YamlSource} from '../runbook/yaml-source.js';
import type {Condition, Scenario} from './scenario-schema.js';

/** The ids of the runbook's check steps, in runbook order. */
export function checkStepIds(runbook: Runbook): string[] {
	return runbook.phases.flatMap(phase => phase.steps.filter(step => step.kind === 'check').map(step => step.id));
}

/** Problems in one condition that the schema cannot see (an interception needs the CA's name). */
export function conditionProblems(condition: Condition, at: (path: PropertyKey[], message: string) => StepFileProblem): StepFileProblem[] {
	return (condition.tls ?? []).flatMap((rule, index) =>
		rule.certificate === 'intercepted' && !rule.issuer
			? [at(['tls', index, 'certificate'], 'an intercepted certificate names the inspecting CA: add issuer: "<CA name>"')]
			: []);
}

/**
Checks a schema-valid scenario against the runbook it trains on: worksheet inputs exist and pass the
same validation as typed input; expectations, vantages and hints name real steps (expectations and
vantages only check steps); condition names are unique. Each problem points at its line.
*/
export function validateScenario(source: YamlSource, scenario: Scenario, runbook: Runbook): StepFileProblem[] {
	const problems: StepFileProblem[] = [];
	const at = (path: PropertyKey[], message: string, key?: string): StepFileProblem => {
		const {line, column} = source.locate(path, key);
		return {file: source.file, line, column, path: formatPath(key === undefined ? path : [...path, key]), message};
	};

	const inputs = inputSteps(runbook);
	const others: Record<string, InputValue> = {};
	for (const name of Object.keys(scenario.worksheet)) {
		if (!inputs.has(name)) {
			problems.push(at(['worksheet'], `unknown input "${name}"${didYouMean(name, inputs.keys())}`, name));
		}
	}

	// In runbook order, so the overlap rules compare with the values before them, as typed input does.
	for (const [name, {step}] of inputs) {
		const value = scenario.worksheet[name];
		if (value === undefined) {
			continue;
		}

		const isList = step.type === 'ipv4-list' || step.type === 'cidr-list';
		const raw = isList && typeof value === 'string' ? splitList(value) : value;
		const verdict = validateInput(step, raw, others);
		if (verdict.ok) {
			others[name] = verdict.value;
		} else {
			problems.push(at(['worksheet', name], verdict.reason));
		}
	}

	const checks = new Set(checkStepIds(runbook));
	const requireCheckStep = (section: string, stepId: string) => {
		if (checks.has(stepId)) {
			return;
		}

		const location = locateStep(runbook, stepId);
		problems.push(at([section], location
			? `"${stepId}" is a${/^[aeiou]/.test(location.step.kind) ? 'n' : ''} ${location.step.kind} step, not a check step`
			: `unknown step "${stepId}"${didYouMean(stepId, checks)}`, stepId));
	};

	for (const stepId of Object.keys(scenario.expect)) {
		requireCheckStep('expect', stepId);
	}

	for (const stepId of Object.keys(scenario.runFrom ?? {})) {
		requireCheckStep('runFrom', stepId);
	}

	for (const stepId of Object.keys(scenario.hints ?? {})) {
		if (!locateStep(runbook, stepId)) {
			problems.push(at(['hints'], `unknown step "${stepId}"`, stepId));
		}
	}

	for (const name of Object.keys(scenario.conditions)) {
		if (name in scenario.faults) {
			problems.push(at(['conditions'], `"${name}" is also a fault: condition names must be unique`, name));
		}
	}

	for (const section of ['faults', 'conditions'] as const) {
		for (const [name, condition] of Object.entries(scenario[section])) {
			problems.push(...conditionProblems(condition, (path, message) => at([section, name, ...path], message)));
		}
	}

	return problems;
}
