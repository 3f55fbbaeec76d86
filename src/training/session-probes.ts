import type {ProbeSet} from '../checks/types.js';
import {StateError} from '../store/errors.js';
import {simulatedProbes, type SimulationOptions} from './simulated-probes.js';
import {activeConditions, readTrainingState, type TrainingState} from './training-state.js';
import {vantageOfStep} from './vantages.js';
import {buildWorld} from './world.js';

/** The probe set of one check step in a training state: the simulated site, from the step's vantage. */
export function probesForStep(state: TrainingState, stepId: string, options: SimulationOptions): ProbeSet {
	const world = buildWorld(state.scenario, activeConditions(state));
	return simulatedProbes(world, vantageOfStep(state.scenario, stepId), options);
}

/**
The `probesFor` of a training session's run options. The training state is read afresh for every
step, so a condition the instructor injected or cleared shows on the trainee's next run, even in a
TUI that has been open all along.
*/
export function sessionProbes(trainingDir: string, session: string, options: SimulationOptions): (stepId: string) => ProbeSet {
	return stepId => {
		const state = readTrainingState(trainingDir, session);
		if (!state) {
			throw new StateError(`"${session}" has no training state in ${trainingDir}: it is not a training session (start one with azs-runbook train start)`);
		}

		return probesForStep(state, stepId, options);
	};
}
