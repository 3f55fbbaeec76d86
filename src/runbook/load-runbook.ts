import {canonicalJson, sha256} from './canonical-json.js';
import {inputFileLimits, readInputText, type InputFileError} from '../files/read-input-file.js';
import path from 'node:path';
import {StepFileError, type StepFileProblem} from './load-errors.js';
import {runbookSchemas, type EndpointList, type Runbook} from './schema.js';
import {validateReferences} from './validate-references.js';
import {validateTextAndConditions} from './validate-text-and-conditions.js';
import {validateAgainst} from './validate-schema.js';
import {parseYamlSource} from './yaml-source.js';

/** A validated runbook with its endpoint lists and content hashes. */
export type LoadedRunbook = {
	file: string;
	runbook: Runbook;
	/** Endpoint lists keyed by the value of the selecting input (e.g. `AzureCloud`). */
	endpointLists: Record<string, EndpointList>;
	/** SHA-256 of the runbook and its endpoint lists, canonical JSON. */
	hash: string;
	stepHashes: Record<string, string>;
};

let knownKeysList: string[] | undefined;

/** Every key the step files know (for "did you mean"), from the schemas on first use. */
function knownKeys(): string[] {
	const schemas = runbookSchemas();
	knownKeysList ??= [
		schemas.runbookSchema,
		schemas.endpointListsSchema,
		schemas.phaseSchema,
		schemas.instructionStepSchema,
		schemas.inputStepSchema,
		schemas.inputRulesSchema,
		schemas.confirmStepSchema,
		schemas.checkStepSchema,
		schemas.commandStepSchema,
		schemas.endpointListSchema,
		schemas.endpointSchema,
		schemas.conditionSchema,
		schemas.sourceDocSchema,
	].flatMap(schema => Object.keys(schema.shape));
	return knownKeysList;
}

function readText(file: string, displayName: string): string {
	try {
		return readInputText(file, inputFileLimits.runbook);
	} catch (error) {
		throw new StepFileError([{file: displayName, line: 1, column: 1, path: '', message: (error as InputFileError).message}]);
	}
}

/** The files a loaded runbook was built from: the step file and its endpoint lists. */
export function runbookSources(loaded: LoadedRunbook): string[] {
	return [loaded.file, ...Object.values(loaded.runbook.endpointLists?.lists ?? {}).map(relative => path.resolve(path.dirname(loaded.file), relative))];
}

/** Loads and validates a step file. Throws StepFileError naming file, line, column, path and problem. */
export function loadRunbook(file: string, displayName = file): LoadedRunbook {
	const parsed = parseYamlSource(displayName, readText(file, displayName));
	if (!parsed.ok) {
		throw new StepFileError(parsed.problems);
	}

	const checked = validateAgainst(parsed.source, runbookSchemas().runbookSchema, knownKeys());
	if (!checked.ok) {
		throw new StepFileError(checked.problems);
	}

	const runbook = checked.value;
	const problems: StepFileProblem[] = [];
	const endpointLists: Record<string, EndpointList> = {};
	for (const [key, relative] of Object.entries(runbook.endpointLists?.lists ?? {})) {
		const listFile = path.resolve(path.dirname(file), relative);
		const listName = path.join(path.dirname(displayName), relative);
		try {
			endpointLists[key] = loadEndpointList(listFile, listName);
		} catch (error) {
			if (error instanceof StepFileError) {
				problems.push(...error.problems);
			} else {
				throw error;
			}
		}
	}

	problems.push(...validateReferences(parsed.source, runbook, endpointLists), ...validateTextAndConditions(parsed.source, runbook));
	if (problems.length > 0) {
		throw new StepFileError(problems);
	}

	const stepHashes: Record<string, string> = {};
	for (const phase of runbook.phases) {
		for (const step of phase.steps) {
			stepHashes[step.id] = sha256(canonicalJson(step));
		}
	}

	return {file, runbook, endpointLists, hash: sha256(canonicalJson({runbook, endpointLists})), stepHashes};
}

/** Loads one endpoint list file. */
export function loadEndpointList(file: string, displayName = file): EndpointList {
	const parsed = parseYamlSource(displayName, readText(file, displayName));
	if (!parsed.ok) {
		throw new StepFileError(parsed.problems);
	}

	const checked = validateAgainst(parsed.source, runbookSchemas().endpointListSchema, knownKeys());
	if (!checked.ok) {
		throw new StepFileError(checked.problems);
	}

	return checked.value;
}
