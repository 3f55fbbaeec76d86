import {UsageError} from '../../cli/args.js';
import {loadCliRunbook, type CliContext} from '../../cli/context.js';
import {suggestCommand} from '../../cli/suggested-command.js';
import {formatValue} from '../../journal/show.js';
import {controlCharacterProblem} from '../../text/escape-controls.js';
import {findScenario} from '../scenario-library.js';
import {defaultTrainingSession, startTraining} from '../start-training.js';
import {trainingDirOf} from './training-context.js';

/** `train start SCENARIO --trainee NAME [--session NAME]`: a new exercise in the training state directory. */
export async function startExercise(context: CliContext): Promise<number> {
	const [id, ...rest] = context.args.positionals.slice(1);
	const trainee = context.args.trainee?.trim();
	if (!id || rest.length > 0 || !trainee) {
		throw new UsageError(`usage: azs-runbook train start SCENARIO --trainee NAME [--session NAME]   (scenarios: ${context.command(['train', 'list'])})`);
	}

	const problem = controlCharacterProblem('--trainee', trainee);
	if (problem) {
		throw new UsageError(problem);
	}

	const loaded = await loadCliRunbook(context);
	const scenario = findScenario(id, loaded.runbook);
	if (!scenario) {
		throw new UsageError(`no scenario "${id}"; list them with: ${context.command(['train', 'list'])} (or give a scenario file's path)`);
	}

	// "default" is what the parser gives when no --session was passed: name the exercise instead.
	const trainingDir = trainingDirOf(context);
	const session = context.args.session === 'default' ? defaultTrainingSession(trainee, trainingDir) : context.args.session;
	const {opened, imported} = startTraining({loaded, trainingDir, scenario, trainee, session, operator: context.operator});
	opened.store.close();
	context.out(`TRAINING session "${session}" started: scenario ${scenario.scenario.id} (${scenario.scenario.title}), trainee ${trainee}`);
	if (scenario.scenario.brief) {
		context.out(`\nBrief: ${scenario.scenario.brief}`);
	}

	context.out(`\nWorksheet loaded (${imported.taken.length} values, each validated like typed input):`);
	for (const taken of imported.taken) {
		context.out(`  ${taken.name} = ${formatValue(taken.value)}${taken.warnings.length > 0 ? `  (warning: ${taken.warnings.join('; ')})` : ''}`);
	}

	for (const refused of imported.refused) {
		context.err(`  refused ${refused.name}: ${refused.reason}`);
	}

	const traineeSession = {...context.locator(), session, training: true};
	context.out(`\nThe trainee continues with: ${suggestCommand(traineeSession, [])}   (the TUI; or status, run, set, confirm, override, report with --training)`);
	context.out(`Hints: ${suggestCommand(traineeSession, ['train', 'hint', 'STEP'])}`);
	context.out(`The instructor: ${suggestCommand(traineeSession, ['train', 'summary', session])} (also train inject|clear|conditions SESSION)`);
	return imported.refused.length > 0 ? 2 : 0;
}
