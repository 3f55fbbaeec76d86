import {UsageError} from '../../cli/args.js';
import {loadCliRunbook, type CliContext} from '../../cli/context.js';
import {withSession} from '../../cli/commands/with-session.js';
import {locateStep} from '../../engine/runbook-index.js';
import {didYouMean} from '../../runbook/suggest.js';
import {allSteps} from '../../engine/runbook-index.js';
import {hintsOf, nextHint} from '../hints.js';
import {requireTrainingState, traineeContext} from './training-context.js';

function requireStep(context: CliContext, command: string) {
	const stepId = context.args.positionals[1];
	if (!stepId || context.args.positionals.length > 2) {
		throw new UsageError(`usage: azs-runbook train ${command} STEP${command === 'why' ? '' : ' --session NAME'}`);
	}

	const {runbook} = loadCliRunbook(context);
	const location = locateStep(runbook, stepId);
	if (!location) {
		throw new UsageError(`unknown step "${stepId}"${didYouMean(stepId, allSteps(runbook).map(step => step.id))}`);
	}

	return location;
}

/** `train why STEP`: why the step matters, from the step file (not counted: it is on every step's screen too). */
export function whyCommand(context: CliContext): number {
	const {step, phase} = requireStep(context, 'why');
	context.out(`${phase.title} › ${step.title} (${step.id})`);
	context.out(`Why it matters: ${step.why ?? 'the step file gives no reason'}`);
	if (step.onFailure) {
		context.out(`If it fails: ${step.onFailure}`);
	}

	return 0;
}

/** `train hint STEP --session NAME`: the next hint of the step, counted in the session's journal. */
export async function hintCommand(context: CliContext): Promise<number> {
	const {step} = requireStep(context, 'hint');
	const trainee = traineeContext(context);
	const state = requireTrainingState(trainee, trainee.args.session);
	return withSession(trainee, controller => {
		const hint = nextHint(controller.session, step, state.scenario);
		const total = hintsOf(step, state.scenario).length;
		if (!hint) {
			context.out(total === 0
				? `${step.id} has no hints. Why it matters: ${step.why ?? 'see the step text'}`
				: `no more hints for ${step.id}: all ${total} shown. Why it matters: ${step.why ?? 'see the step text'}`);
			return 0;
		}

		controller.dispatch({type: 'hint.shown', stepId: step.id, hint: hint.number});
		context.out(`Hint ${hint.number} of ${hint.total} for ${step.id}: ${hint.text}`);
		return 0;
	});
}
