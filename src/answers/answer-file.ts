import path from 'node:path';
import {parse as parseYaml} from 'yaml';

/** The version of the answer-file layout written by `inputs export`. */
export const answerFileVersion = 1;

export type AnswerFormat = 'yaml' | 'json';

export type AnswerFile = {
	/** Input name → value as written (validated later, one by one). */
	values: Record<string, unknown>;
	/** The runbook id the file says it was written for, if any. */
	runbook?: string;
	/** Set when the file was exported from a training session (made-up values of a scenario). */
	training?: string;
};

/** YAML or JSON, by the file's extension. */
export function answerFormatOf(file: string): AnswerFormat | undefined {
	const extension = path.extname(file).toLowerCase();
	return extension === '.json' ? 'json' : extension === '.yaml' || extension === '.yml' ? 'yaml' : undefined;
}

/** Why an answer file cannot be read at all (as opposed to single values being refused). */
export class AnswerFileError extends Error {
	override name = 'AnswerFileError';
}

/**
Parses an answer file: `inputs:` mapping input names to values (the layout `inputs export`
writes), or a plain mapping of input names to values for hand-written files.
*/
export function parseAnswerFile(text: string, format: AnswerFormat): AnswerFile {
	let data: unknown;
	try {
		data = format === 'json' ? JSON.parse(text) : parseYaml(text, {uniqueKeys: true});
	} catch (error) {
		throw new AnswerFileError(`not valid ${format.toUpperCase()}: ${(error as Error).message.split('\n')[0]}`);
	}

	if (data === null || data === undefined) {
		return {values: prototypeFree({})};
	}

	if (typeof data !== 'object' || Array.isArray(data)) {
		throw new AnswerFileError('the file must hold a mapping of input names to values');
	}

	const top = data as Record<string, unknown>;
	const runbook = typeof top.runbook === 'string' ? top.runbook : undefined;
	const training = typeof top.training === 'string' ? top.training : undefined;
	const marks = {...(runbook ? {runbook} : {}), ...(training ? {training} : {})};
	if ('inputs' in top) {
		const inputs = top.inputs ?? {};
		if (typeof inputs !== 'object' || Array.isArray(inputs)) {
			throw new AnswerFileError('"inputs" must be a mapping of input names to values');
		}

		return {values: prototypeFree(inputs), ...marks};
	}

	const {answerFileVersion: _version, runbook: _runbook, exportedAt: _exportedAt, training: _training, ...values} = top;
	return {values: prototypeFree(values), ...marks};
}

/**
The file's own keys in an object without a prototype: `values.constructor` is then what the file
says (usually nothing), never Object's function, and a `__proto__` key is just a key.
*/
function prototypeFree(source: object): Record<string, unknown> {
	const values = Object.create(null) as Record<string, unknown>;
	for (const [key, value] of Object.entries(source)) {
		values[key] = value;
	}

	return values;
}
