import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {stepsDir} from '../install/steps-dir.js';
import type {Runbook} from '../runbook/schema.js';
import {loadScenario, type LoadedScenario} from './load-scenario.js';

/** The shipped scenarios, `steps/scenarios/*.yaml` (found beside the code or the executable). */
export function scenariosDir(): string {
	return path.join(stepsDir(), 'scenarios');
}

/** Every shipped scenario, validated, sorted by id. One bad file fails the whole list (it is shipped data). */
export function shippedScenarios(runbook: Runbook, dir = scenariosDir()): LoadedScenario[] {
	const files = existsSync(dir) ? readdirSync(dir).filter(name => name.endsWith('.yaml')).sort() : [];
	return files
		.map(name => loadScenario(path.join(dir, name), runbook, path.join('steps', 'scenarios', name)))
		.sort((a, b) => a.scenario.id.localeCompare(b.scenario.id));
}

/** A scenario by shipped id, or from a file when the argument is a path to one. */
export function findScenario(idOrFile: string, runbook: Runbook): LoadedScenario | undefined {
	if (idOrFile.endsWith('.yaml') || idOrFile.endsWith('.yml') || idOrFile.includes('/') || idOrFile.includes('\\')) {
		return loadScenario(path.resolve(idOrFile), runbook, idOrFile);
	}

	const file = path.join(scenariosDir(), `${idOrFile}.yaml`);
	return existsSync(file) ? loadScenario(file, runbook, path.join('steps', 'scenarios', `${idOrFile}.yaml`)) : undefined;
}
