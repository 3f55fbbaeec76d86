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
The `probesFor` of training sessions' run options: each session's own simulated site. The training
state is read afresh for every step, so a condition the instructor injected or cleared shows on the
trainee's next run, even in a TUI that has been open all along (and whichever session it opened).
*/
export function sessionProbes(trainingDir: string, options: SimulationOptions): (stepId: string, session: string) => ProbeSet {
	return (stepId, session) => {
		const state = readTrainingState(trainingDir, session);
		if (!state) {
			throw new StateError(`"${session}" has no training state in ${trainingDir}: it is not a training session (start one with azs-runbook train start)`);
		}

		return probesForStep(state, stepId, options);
	};
}
