import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseAnswerFile} from '../../src/answers/answer-file.js';
import {importAnswers} from '../../src/answers/import-answers.js';
import {StepFileError} from '../../src/runbook/load-errors.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {memoryController} from '../helpers/memory-session.js';
import {miniRunbook} from '../helpers/paths.js';
import {loadText} from './step-file-helpers.js';

/*
`constructor` (and every other Object.prototype name) looked up in a plain object finds Object's
own function: an input of that name was "set" to a function by any import. The validator refuses
such names, and answer-file values live in objects without a prototype.
*/

const mini = readFileSync(miniRunbook, 'utf8');

describe('names every JavaScript object already has', () => {
	it('the runbook validator refuses them as input names and step ids, naming file and line', () => {
		const edits: Array<[string, string]> = [['name: service_port', 'name: constructor'], ['id: enter-port', 'id: constructor']];
		for (const [from, to] of edits) {
			let error: unknown;
			try {
				loadText(mini.replace(from, to).replaceAll('{$input: service_port}', '{$input: constructor}'));
			} catch (caught) {
				error = caught;
			}

			expect(error).toBeInstanceOf(StepFileError);
			expect((error as StepFileError).message).toMatch(/runbook\.yaml:\d+:\d+: .*is a name every JavaScript object already has \(like "constructor"\)/);
		}
	});

	it('an answer file\'s values have no prototype: a missing "constructor" stays missing, "__proto__" is only a key', () => {
		const json = parseAnswerFile('{"inputs": {"service_port": "443", "__proto__": {"polluted": "yes"}}}', 'json');
		expect(Object.getPrototypeOf(json.values)).toBeNull();
		expect(json.values.constructor).toBeUndefined();
		expect(Object.keys(json.values).sort()).toEqual(['__proto__', 'service_port']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		const yaml = parseAnswerFile('service_port: "443"\n', 'yaml');
		expect(yaml.values.constructor).toBeUndefined();
	});

	it('importing a file without a value for an input named like an Object property leaves it missing (an engine-level guard, below the validator)', () => {
		// Built past the validator on purpose: the import itself must not find Object's function.
		const loaded = loadRunbook(miniRunbook);
		const renamed = structuredClone(loaded.runbook);
		for (const phase of renamed.phases) {
			for (const step of phase.steps) {
				if (step.kind === 'input' && step.name === 'service_port') {
					step.name = 'constructor';
				}
			}
		}

		const {controller} = memoryController({...loaded, runbook: renamed});
		const outcome = importAnswers(controller, parseAnswerFile('dns_forwarders: 10.0.0.53, 10.0.1.53\n', 'yaml'));
		expect(outcome.taken.map(taken => taken.name)).toEqual(['dns_forwarders']);
		expect(outcome.refused).toEqual([]);
		expect(outcome.missing.map(missing => missing.name)).toContain('constructor');
		expect(Object.hasOwn(controller.session.inputs, 'constructor')).toBe(false);
	});
});
