import {existsSync} from 'node:fs';
import {importAnswers, type ImportOutcome} from '../answers/import-answers.js';
import {EngineRefusal} from '../engine/actions.js';
import type {LoadedRunbook} from '../runbook/load-runbook.js';
import {openSession, type OpenedSession} from '../session/open-session.js';
import {sessionPaths} from '../store/session-paths.js';
import type {LoadedScenario} from './load-scenario.js';
import {initialTrainingState, readTrainingState, trainingStatePath, writeTrainingState} from './training-state.js';

export type StartOptions = {
	loaded: LoadedRunbook;
	/** The training state directory (`trainingStateDir` of the real one): never where real sessions live. */
	trainingDir: string;
	scenario: LoadedScenario;
	trainee: string;
	session: string;
	operator: string;
	now?: () => Date;
};

/**
The default session name of a trainee's exercise: `training-TRAINEE`, then `training-TRAINEE-2`, …
(the first not taken in `trainingDir`). Never the scenario: the trainee sees the name on every screen.
*/
export function defaultTrainingSession(trainee: string, trainingDir: string): string {
	const base = `training-${trainee}`.replaceAll(/[^A-Za-z0-9._-]+/g, '-').replaceAll(/-{2,}/g, '-').slice(0, 60).replace(/[._-]+$/, '');
	const taken = (name: string) => existsSync(sessionPaths(trainingDir, name).state) || existsSync(trainingStatePath(trainingDir, name));
	for (let number = 1; number <= 999; number++) {
		const name = number === 1 ? base : `${base}-${number}`;
		if (!taken(name)) {
			return name;
		}
	}

	throw new EngineRefusal(`999 exercises of ${trainee} exist already; name this one with --session NAME`);
}

/**
Starts an exercise: a new session in the training state directory, marked with the scenario and the
trainee from its first journal entry, its simulated site beside it, and the scenario's worksheet
loaded through the same validation as typed input. Returns the open session (the caller closes it).
*/
export function startTraining(options: StartOptions): {opened: OpenedSession; imported: ImportOutcome} {
	const {loaded, trainingDir, scenario, session} = options;
	const now = options.now ?? (() => new Date());
	if (existsSync(sessionPaths(trainingDir, session).state) || readTrainingState(trainingDir, session) || existsSync(trainingStatePath(trainingDir, session))) {
		throw new EngineRefusal(`training session "${session}" exists already; continue it with --training --session ${session}, or start another with --session NAME`);
	}

	const opened = openSession({loaded, stateDir: trainingDir, name: session, operator: options.operator, training: {scenario: scenario.scenario.id, trainee: options.trainee}, now});
	if (!opened) {
		throw new EngineRefusal(`could not create training session "${session}"`);
	}

	try {
		// The site first: a check run right after the start must find its simulation.
		writeTrainingState(trainingDir, initialTrainingState({session, trainee: options.trainee, scenario: scenario.scenario, scenarioFile: scenario.file, at: now().toISOString(), by: options.operator}));
		const imported = importAnswers(opened.controller, {values: scenario.scenario.worksheet, runbook: loaded.runbook.id}, `${scenario.scenario.id} worksheet`);
		return {opened, imported};
	} catch (error) {
		opened.store.close();
		throw error;
	}
}
