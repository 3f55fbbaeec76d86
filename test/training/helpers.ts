import path from 'node:path';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook, type LoadedRunbook} from '../../src/runbook/load-runbook.js';
import {trainingStateDir} from '../../src/store/state-dir.js';
import type {LoadedScenario} from '../../src/training/load-scenario.js';
import {findScenario} from '../../src/training/scenario-library.js';
import {tempDir} from '../helpers/paths.js';

let embedded: LoadedRunbook | undefined;

/** The embedded runbook, loaded once per test file: every scenario trains on it. */
export function embeddedRunbook(): LoadedRunbook {
	embedded ??= loadRunbook(embeddedRunbookPath());
	return embedded;
}

/** A shipped scenario by id (throws when there is none). */
export function shipped(id: string): LoadedScenario {
	const scenario = findScenario(id, embeddedRunbook().runbook);
	if (!scenario) {
		throw new Error(`no shipped scenario ${id}`);
	}

	return scenario;
}

/** A fresh real state directory and the training directory inside it. */
export function stateDirs(): {stateDir: string; trainingDir: string} {
	const stateDir = path.join(tempDir('azs-training-'), 'state');
	return {stateDir, trainingDir: trainingStateDir(stateDir)};
}
