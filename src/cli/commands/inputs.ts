import {AnswerFileError, answerFormatOf, parseAnswerFile} from '../../answers/answer-file.js';
import {exportAnswers} from '../../answers/export-answers.js';
import {importAnswers, type ImportOutcome} from '../../answers/import-answers.js';
import {inputSteps} from '../../engine/runbook-index.js';
import {inputFileLimits, readInputFile, type InputFileError} from '../../files/read-input-file.js';
import {savedInputWarnings} from '../../inputs/saved-input-warnings.js';
import {formatValue} from '../../journal/show.js';
import {decodeText} from '../../text/decode-text.js';
import {displayWidth} from '../../ui/view/wrap-text.js';
import {UsageError} from '../args.js';
import type {CliContext} from '../context.js';
import {writeOutputFile} from '../output-file.js';
import {readCliSession} from './report.js';
import {withSession} from './with-session.js';

const usage = 'usage: azs-runbook inputs [export FILE | import FILE]   (FILE: .yaml, .yml or .json)';

/**
`inputs`: every input with its value. `inputs export FILE`: the values as an answer file (YAML is a
worksheet listing every input). `inputs import FILE`: loads an answer file, every value validated
like typed input; reports what it took, refused (and why) and what is still missing. Exit 2 when
anything was refused; what was taken stays taken.
*/
export async function inputsCommand(context: CliContext): Promise<number> {
	const [sub, file, ...rest] = context.args.positionals;
	if (rest.length > 0 || (sub !== undefined && file === undefined)) {
		throw new UsageError(usage);
	}

	switch (sub) {
		case undefined: {
			return list(context);
		}

		case 'export': {
			return exportFile(context, file!);
		}

		case 'import': {
			return importFile(context, file!);
		}

		default: {
			throw new UsageError(usage);
		}
	}
}

function formatOf(file: string) {
	const format = answerFormatOf(file);
	if (!format) {
		throw new UsageError(`${file}: answer files are YAML (.yaml, .yml) or JSON (.json)`);
	}

	return format;
}

/** Values wider than this overflow their column instead of pushing every title right. */
const valueColumnMax = 40;

/**
Every input as aligned columns: name, value (with [frozen]), title; a value's warnings (or why it
would now be refused) on the line under it.
*/
async function list(context: CliContext): Promise<number> {
	const {loaded, read} = await readCliSession(context);
	const rows = [...inputSteps(loaded.runbook)].map(([name, {step}]) => {
		const record = Object.hasOwn(read.session.inputs, name) ? read.session.inputs[name] : undefined;
		const value = `${record ? formatValue(record.value) : '(not entered)'}${record?.frozen ? ' [frozen]' : ''}`;
		return {name, value, title: step.title, warnings: savedInputWarnings(step, read.session.inputs)};
	});
	const nameWidth = Math.max(0, ...rows.map(row => displayWidth(row.name)));
	const valueWidth = Math.min(valueColumnMax, Math.max(0, ...rows.map(row => displayWidth(row.value))));
	const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
	for (const row of rows) {
		context.out(`${pad(row.name, nameWidth)}  ${pad(row.value, valueWidth)}  ${row.title}`);
		for (const warning of row.warnings) {
			context.out(`${' '.repeat(nameWidth + 2)}! warning: ${warning}`);
		}
	}

	return 0;
}

async function exportFile(context: CliContext, file: string): Promise<number> {
	const format = formatOf(file);
	const {loaded, read} = await readCliSession(context);
	writeOutputFile(file, exportAnswers(loaded.runbook, read.session, format, new Date().toISOString()), context.stateDir, 'inputs export');

	const count = Object.keys(read.session.inputs).length;
	context.out(`exported ${count} value${count === 1 ? '' : 's'} to ${file}`);
	return 0;
}

async function importFile(context: CliContext, file: string): Promise<number> {
	const format = formatOf(file);
	let text: string;
	try {
		text = decodeText(readInputFile(file, inputFileLimits.answers, 'it'));
	} catch (error) {
		throw new UsageError(`${file}: ${(error as InputFileError).message}`);
	}

	let parsed;
	try {
		parsed = parseAnswerFile(text, format);
	} catch (error) {
		if (error instanceof AnswerFileError) {
			throw new UsageError(`${file}: ${error.message}`);
		}

		throw error;
	}

	return withSession(context, controller => {
		const outcome = importAnswers(controller, parsed, file);
		if (context.args.json) {
			context.out(JSON.stringify(outcome, null, 2));
		} else {
			printOutcome(context, outcome);
		}

		return outcome.refused.length > 0 ? 2 : 0;
	});
}

function printOutcome(context: CliContext, outcome: ImportOutcome): void {
	for (const note of outcome.notes) {
		context.out(`note: ${note}`);
	}

	context.out(`took ${outcome.taken.length}, unchanged ${outcome.unchanged.length}, refused ${outcome.refused.length}, still missing ${outcome.missing.length}`);
	for (const taken of outcome.taken) {
		context.out(`  ✔ ${taken.name} = ${formatValue(taken.value)}`);
		for (const warning of taken.warnings) {
			context.out(`      warning: ${warning}`);
		}
	}

	for (const name of outcome.unchanged) {
		context.out(`  = ${name} (already that value)`);
	}

	for (const refused of outcome.refused) {
		context.out(`  ✖ ${refused.name}: refused: ${refused.reason}${refused.command ? `: ${context.command(refused.command)}` : ''}`);
	}

	for (const missing of outcome.missing) {
		context.out(`  · ${missing.name} still missing (${missing.phaseTitle} › ${missing.title})${missing.example ? `, e.g. ${missing.example}` : ''}`);
	}
}
