import type {RunOptions} from '../engine/run-options.js';
import {trainingStateDir} from '../store/state-dir.js';
import {sessionProbes} from './session-probes.js';

/**
Real time per simulated millisecond for a trainee: a dropped packet costs a tenth of its timeout, so
drops still feel slow next to answers (as on site) without a class waiting a minute per retry.
*/
export const trainingTimeScale = 0.1;

/** Why command steps do not run in a training session. */
export const trainingSkipsCommands = 'training: command steps run on the real DVM or workstation, not against the simulated site';

/** What `--training` changes for a command: where sessions live, and what the checks run on. */
export type TrainingRun = {stateDir: string; run: Pick<RunOptions, 'probesFor' | 'skipCommands'>};

/**
The training side of a command given `--training`: sessions from the training state directory
(never the real list), checks on the session's simulated site, commands not run.
*/
export function trainingRun(stateDir: string): TrainingRun {
	const trainingDir = trainingStateDir(stateDir);
	return {stateDir: trainingDir, run: {probesFor: sessionProbes(trainingDir, {timeScale: trainingTimeScale}), skipCommands: trainingSkipsCommands}};
}
