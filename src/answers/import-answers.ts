import path from 'node:path';
import {EngineRefusal} from '../engine/actions.js';
import type {SessionController} from '../engine/controller.js';
import {inputSteps} from '../engine/runbook-index.js';
import type {InputValue} from '../engine/state.js';
import {splitList, validateInput, type OtherInputs} from '../inputs/validate-input.js';
import {didYouMean} from '../runbook/suggest.js';
import type {AnswerFile} from './answer-file.js';

export type ImportOutcome = {
	taken: Array<{name: string; value: InputValue; warnings: string[]}>;
	/** Values equal to what the session already holds (frozen or not): nothing to do. */
	unchanged: string[];
	/** `command`: the words of what to run first (the CLI builds the line for this session). */
	refused: Array<{name: string; value: unknown; reason: string; command?: string[]}>;
	/** Inputs that still have no value after the import, in runbook order. */
	missing: Array<{name: string; title: string; phaseTitle: string; example?: string}>;
	notes: string[];
};

/** Turns what YAML or JSON gave into what typed input would be: text, or a list of texts. */
function asRaw(value: unknown, isList: boolean): {ok: true; raw: InputValue} | {ok: false; reason: string} {
	if (value === null || value === undefined) {
		return {ok: false, reason: 'no value given'};
	}

	if (Array.isArray(value)) {
		const scalar = value.every(item => item === null || typeof item !== 'object');
		return scalar ? {ok: true, raw: value.map(String)} : {ok: false, reason: 'a list may only hold single values'};
	}

	if (typeof value === 'object') {
		return {ok: false, reason: 'must be a value or a list, not a mapping'};
	}

	// YAML reads `service_port: 443` as a number and `enabled: yes` as a boolean: take them as typed.
	const text = String(value);
	return {ok: true, raw: isList ? splitList(text) : text};
}

/**
Imports answer-file values into the session: each value goes through validateInput, exactly as a
typed value, in runbook order (so overlap rules compare against values taken earlier); a refusal
is reported with its reason and does not stop the others. Frozen inputs are refused with the
unfreeze hint unless the value is unchanged. Reports what is still missing.
*/
export function importAnswers(controller: SessionController, file: AnswerFile, fileName = ''): ImportOutcome {
	const {runbook} = controller.loaded;
	const inputs = inputSteps(runbook);
	const outcome: ImportOutcome = {taken: [], unchanged: [], refused: [], missing: [], notes: []};
	if (file.runbook && file.runbook !== runbook.id) {
		outcome.notes.push(`the file was written for runbook "${file.runbook}", this session uses "${runbook.id}"; values are matched by input name`);
	}

	if (file.training && !controller.session.training) {
		outcome.notes.push(`warning: this file was exported from a training session (${file.training}); its values are a scenario's, not this site's`);
	}

	if (/^deploymentdata\.json$/i.test(path.basename(fileName))) {
		outcome.notes.push('this looks like the deployment worksheet\'s DeploymentData.json: its field names are not publicly documented, so azs-runbook does not map them; the inputs export command (`inputs export answers.yaml`) writes a template to copy the values into');
	}

	for (const name of Object.keys(file.values)) {
		if (!inputs.has(name)) {
			outcome.refused.push({name, value: file.values[name], reason: `unknown input${didYouMean(name, inputs.keys())}; inputs: ${[...inputs.keys()].join(', ')}`});
		}
	}

	const others = (): OtherInputs => Object.fromEntries(Object.entries(controller.session.inputs).map(([key, record]) => [key, record.value]));
	for (const [name, {step}] of inputs) {
		if (!Object.hasOwn(file.values, name)) {
			continue;
		}

		const value = file.values[name];
		const isList = step.type === 'ipv4-list' || step.type === 'cidr-list';
		const raw = asRaw(value, isList);
		if (!raw.ok) {
			outcome.refused.push({name, value, reason: `${step.title}: ${raw.reason}`});
			continue;
		}

		const verdict = validateInput(step, raw.raw, others());
		if (!verdict.ok) {
			outcome.refused.push({name, value, reason: verdict.reason});
			continue;
		}

		const current = Object.hasOwn(controller.session.inputs, name) ? controller.session.inputs[name] : undefined;
		if (current && JSON.stringify(current.value) === JSON.stringify(verdict.value)) {
			outcome.unchanged.push(name);
			continue;
		}

		if (current?.frozen) {
			outcome.refused.push({
				name,
				value,
				reason: `frozen since ${current.frozenAt ?? 'its phase completed'} (value ${Array.isArray(current.value) ? current.value.join(', ') : current.value}); to change it, first unfreeze it`,
				command: ['unfreeze', name, '--reason', '…'],
			});
			continue;
		}

		try {
			controller.dispatch({type: 'input.set', name, value: verdict.value});
			outcome.taken.push({name, value: verdict.value, warnings: verdict.warnings});
		} catch (error) {
			if (!(error instanceof EngineRefusal)) {
				throw error;
			}

			outcome.refused.push({name, value, reason: error.message, ...(error instanceof EngineRefusal && error.command ? {command: [...error.command]} : {})});
		}
	}

	if (outcome.taken.length > 0) {
		controller.advance();
	}

	for (const [name, {step, phase}] of inputs) {
		if (!Object.hasOwn(controller.session.inputs, name)) {
			outcome.missing.push({name, title: step.title, phaseTitle: phase.title, ...(step.example ? {example: step.example} : {})});
		}
	}

	return outcome;
}
