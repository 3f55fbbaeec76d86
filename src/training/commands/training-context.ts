import type {CliContext} from '../../cli/context.js';
import {UsageError} from '../../cli/args.js';
import {suggestCommand} from '../../cli/suggested-command.js';
import {trainingStateDir} from '../../store/state-dir.js';
import {trainingRun} from '../cli-training.js';
import {readTrainingState, type TrainingState} from '../training-state.js';

/** The training state directory of a command's context (already it, when --training was given). */
export function trainingDirOf(context: CliContext): string {
	return context.training ? context.stateDir : trainingStateDir(context.stateDir);
}

/** The context a trainee command works in: the training directory and the simulated site of its --session. */
export function traineeContext(context: CliContext): CliContext {
	if (context.training) {
		return context;
	}

	const run = trainingRun(context.stateDir);
	const locator = () => ({...context.locator(), training: true});
	return {...context, args: {...context.args, training: true}, locator, command: words => suggestCommand(locator(), words), stateDir: run.stateDir, training: run.run};
}

/** The training state of a session, or a usage error saying how to start one. */
export function requireTrainingState(context: CliContext, session: string): TrainingState {
	const trainingDir = trainingDirOf(context);
	const state = readTrainingState(trainingDir, session);
	if (!state) {
		throw new UsageError(`no training session "${session}" in ${trainingDir}; list them with: ${context.command(['sessions'])}`);
	}

	return state;
}
