import {inputFileLimits, readInputText, type InputFileError} from '../files/read-input-file.js';
import {StepFileError} from '../runbook/load-errors.js';
import type {Runbook} from '../runbook/schema.js';
import {validateAgainst} from '../runbook/validate-schema.js';
import {parseYamlSource} from '../runbook/yaml-source.js';
import {conditionProblems, validateScenario} from './validate-scenario.js';
import {scenarioKeys, scenarioSchemas, type Condition, type Scenario} from './scenario-schema.js';

/** A validated scenario and the file it came from. */
export type LoadedScenario = {file: string; scenario: Scenario};

/**
Loads a scenario file: YAML with positions, the zod schema, then the checks against the runbook.
Throws StepFileError with `file:line:col: path: problem` for each mistake, like a step file.
*/
export function loadScenario(file: string, runbook: Runbook, displayName = file): LoadedScenario {
	let text: string;
	try {
		text = readInputText(file, inputFileLimits.scenario);
	} catch (error) {
		throw new StepFileError([{file: displayName, line: 1, column: 1, path: '', message: (error as InputFileError).message}]);
	}

	return {file, scenario: parseScenario(text, runbook, displayName)};
}

/** Parses and validates scenario text (see loadScenario). */
export function parseScenario(text: string, runbook: Runbook, displayName: string): Scenario {
	const parsed = parseYamlSource(displayName, text);
	if (!parsed.ok) {
		throw new StepFileError(parsed.problems);
	}

	const checked = validateAgainst(parsed.source, scenarioSchemas().scenarioSchema, scenarioKeys());
	if (!checked.ok) {
		throw new StepFileError(checked.problems);
	}

	const problems = validateScenario(parsed.source, checked.value, runbook);
	if (problems.length > 0) {
		throw new StepFileError(problems);
	}

	return checked.value;
}

/**
Parses one condition written inline (an instructor's `train inject SESSION '{flows: [...]}'`), with
the same schema and located errors as in a scenario file.
*/
export function parseCondition(text: string, displayName = 'condition'): Condition {
	const parsed = parseYamlSource(displayName, text);
	if (!parsed.ok) {
		throw new StepFileError(parsed.problems);
	}

	const checked = validateAgainst(parsed.source, scenarioSchemas().conditionSchema, scenarioKeys());
	if (!checked.ok) {
		throw new StepFileError(checked.problems);
	}

	const problems = conditionProblems(checked.value, (path, message) => {
		const {line, column} = parsed.source.locate(path);
		return {file: displayName, line, column, path: path.map(String).join('.'), message};
	});
	if (problems.length > 0) {
		throw new StepFileError(problems);
	}

	return checked.value;
}
