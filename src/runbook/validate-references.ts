import {checkRegistry} from '../checks/registry.js';
import {codeArgumentProblems} from './code-arguments.js';
import {formatPath, type StepFileProblem} from './load-errors.js';
import type {EndpointList, Runbook} from './schema.js';
import {didYouMean} from './suggest.js';
import type {YamlSource} from './yaml-source.js';

/**
What the schema cannot see: duplicate ids, references to inputs that do not exist (or come later),
unknown check ids and parameters, endpoint categories that no list has.
*/
export function validateReferences(
	source: YamlSource,
	runbook: Runbook,
	endpointLists: Record<string, EndpointList>,
): StepFileProblem[] {
	const problems: StepFileProblem[] = [];
	const at = (path: PropertyKey[], message: string) => {
		const {line, column} = source.locate(path);
		problems.push({file: source.file, line, column, path: formatPath(path), message});
	};

	const stepIds = new Map<string, string>();
	const phaseIds = new Set<string>();
	const inputPhase = new Map<string, number>();
	const inputTypes = new Map<string, string>();

	for (const [phaseIndex, phase] of runbook.phases.entries()) {
		if (phaseIds.has(phase.id)) {
			at(['phases', phaseIndex, 'id'], `duplicate phase id "${phase.id}"`);
		}

		phaseIds.add(phase.id);
		for (const [stepIndex, step] of phase.steps.entries()) {
			const path = formatPath(['phases', phaseIndex, 'steps', stepIndex]);
			const first = stepIds.get(step.id);
			if (first) {
				at(['phases', phaseIndex, 'steps', stepIndex, 'id'], `duplicate step id "${step.id}" (first used at ${first})`);
			} else {
				stepIds.set(step.id, path);
			}

			if (step.kind === 'input') {
				if (inputPhase.has(step.name)) {
					// Keep the first definition: references resolve to it, so later checks stay consistent.
					at(['phases', phaseIndex, 'steps', stepIndex, 'name'], `duplicate input name "${step.name}"`);
				} else {
					inputPhase.set(step.name, phaseIndex);
					inputTypes.set(step.name, step.type);
				}

				if (step.type === 'enum' && !step.rules?.options) {
					at(['phases', phaseIndex, 'steps', stepIndex, 'type'], 'an enum input needs rules.options');
				}

				if (!step.overridable && step.freeze) {
					// Fine: frozen inputs that cannot be overridden are the normal case.
				}
			}
		}
	}

	// A list that failed to load has already been reported; its categories are unknown, not missing.
	const allListsLoaded = Object.keys(runbook.endpointLists?.lists ?? {}).every(key => key in endpointLists);
	const categories = new Set(Object.values(endpointLists).flatMap(list => list.endpoints.map(endpoint => endpoint.category)));
	const referenceAt = (phaseIndex: number, reference: unknown, path: PropertyKey[]) => {
		if (reference === null || typeof reference !== 'object') {
			return;
		}

		if (Array.isArray(reference)) {
			for (const [index, item] of reference.entries()) {
				referenceAt(phaseIndex, item, [...path, index]);
			}

			return;
		}

		const record = reference as Record<string, unknown>;
		if ('$input' in record) {
			const name = String(record.$input);
			const definedIn = inputPhase.get(name);
			if (definedIn === undefined) {
				at([...path, '$input'], `reference to unknown input "${name}"${didYouMean(name, inputPhase.keys())}`);
			} else if (definedIn > phaseIndex) {
				at([...path, '$input'], `input "${name}" is entered in a later phase (${runbook.phases[definedIn]!.id}); move the input earlier`);
			}

			return;
		}

		if ('$firstSubnet' in record || '$lastSubnet' in record) {
			const key = '$firstSubnet' in record ? '$firstSubnet' : '$lastSubnet';
			const name = String(record[key]);
			const type = inputTypes.get(name);
			const prefix = record.prefix;
			if (type === undefined) {
				at([...path, key], `reference to unknown input "${name}"${didYouMean(name, inputPhase.keys())}`);
			} else if (type !== 'cidr') {
				at([...path, key], `input "${name}" is ${article(type)} ${type}; ${key} needs a network (cidr)`);
			} else if (inputPhase.get(name)! > phaseIndex) {
				at([...path, key], `input "${name}" is entered in a later phase (${runbook.phases[inputPhase.get(name)!]!.id}); move the input earlier`);
			}

			if (typeof prefix !== 'number' || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
				at(path, `${key} needs "prefix": a prefix length from 0 to 32, e.g. {${key}: ${name}, prefix: 27}`);
			}

			return;
		}

		if ('$endpoints' in record) {
			const category = String(record.$endpoints);
			if (!runbook.endpointLists) {
				at([...path, '$endpoints'], 'endpoint references need endpointLists at the top of the runbook');
			} else if (allListsLoaded && !categories.has(category)) {
				at([...path, '$endpoints'], `no endpoint list has category "${category}"${didYouMean(category, categories)}`);
			}

			return;
		}

		for (const [key, value] of Object.entries(record)) {
			referenceAt(phaseIndex, value, [...path, key]);
		}
	};

	for (const [phaseIndex, phase] of runbook.phases.entries()) {
		for (const [stepIndex, step] of phase.steps.entries()) {
			const stepPath: PropertyKey[] = ['phases', phaseIndex, 'steps', stepIndex];
			if (step.kind === 'check') {
				const check = checkRegistry.get(step.check);
				if (!check) {
					at([...stepPath, 'check'], `unknown check "${step.check}"${didYouMean(step.check, checkRegistry.keys())}`);
				} else {
					const shape = (check.params as {shape?: Record<string, unknown>}).shape;
					if (shape) {
						for (const key of Object.keys(step.params)) {
							if (!(key in shape)) {
								at([...stepPath, 'params', key], `check "${step.check}" has no parameter "${key}"${didYouMean(key, Object.keys(shape))}`);
							}
						}
					}
				}

				referenceAt(phaseIndex, step.params, [...stepPath, 'params']);
			}

			if (step.kind === 'command') {
				referenceAt(phaseIndex, step.argv, [...stepPath, 'argv']);
				for (const problem of codeArgumentProblems(step.argv, inputTypes)) {
					at([...stepPath, 'argv', problem.index], problem.message);
				}
			}

			if (step.kind === 'input') {
				const rules = step.rules ?? {};
				type Reference = {rule: string; other: string | undefined; index?: number; allowed: ReadonlySet<string>; wanted: string};
				const referred: Reference[] = [
					...(rules.noOverlapWith ?? []).map((other, index) => ({rule: 'noOverlapWith', other, index, allowed: networkTypes, wanted: 'a network (cidr or cidr-list)'})),
					{rule: 'hostIn', other: rules.hostIn, allowed: singleNetwork, wanted: 'a network (cidr)'},
					...(rules.notIn ?? []).map((other, index) => ({rule: 'notIn', other, index, allowed: singleNetwork, wanted: 'a network (cidr)'})),
					...(rules.differentFrom ?? []).map((other, index) => ({rule: 'differentFrom', other, index, allowed: singleAddress, wanted: 'an address (ipv4)'})),
				];
				for (const {rule, other, index, allowed, wanted} of referred) {
					if (other === undefined) {
						continue;
					}

					const where = [...stepPath, 'rules', rule, ...(index === undefined ? [] : [index])];
					const type = inputTypes.get(other);
					if (type === undefined) {
						at(where, `unknown input "${other}"${didYouMean(other, inputTypes.keys())}`);
					} else if (!allowed.has(type)) {
						at(where, `input "${other}" is ${article(type)} ${type}, not ${wanted}`);
					}
				}
			}
		}
	}

	if (runbook.endpointLists) {
		const selector = runbook.endpointLists.selectBy;
		const type = inputTypes.get(selector);
		if (type === undefined) {
			const enums = [...inputTypes].filter(([, inputType]) => inputType === 'enum').map(([name]) => name);
			at(['endpointLists', 'selectBy'], `unknown input "${selector}"; selectBy must name an enum input${didYouMean(selector, enums)}`);
		} else if (type !== 'enum') {
			at(['endpointLists', 'selectBy'], `input "${selector}" is ${article(type)} ${type}; selectBy must name an enum input`);
		}
	}

	for (const [vantage, names] of Object.entries(runbook.vantageInputs ?? {})) {
		for (const [index, name] of (names ?? []).entries()) {
			const type = inputTypes.get(name);
			if (type === undefined) {
				at(['vantageInputs', vantage, index], `unknown input "${name}"${didYouMean(name, inputTypes.keys())}`);
			} else if (!addressTypes.has(type)) {
				at(['vantageInputs', vantage, index], `input "${name}" is ${article(type)} ${type}; a vantage is known by addresses (ipv4, ipv4-list, cidr or cidr-list)`);
			}
		}
	}

	return problems;
}

/** Input types a local address can be matched against. */
const addressTypes = new Set(['ipv4', 'ipv4-list', 'cidr', 'cidr-list']);
/** Input types the comparing input rules may name. */
const networkTypes = new Set(['cidr', 'cidr-list']);
const singleNetwork = new Set(['cidr']);
const singleAddress = new Set(['ipv4']);

function article(word: string): string {
	return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
