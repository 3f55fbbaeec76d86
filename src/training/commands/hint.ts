import {UsageError} from '../../cli/args.js';
import {loadCliRunbook, type CliContext} from '../../cli/context.js';
import {sentLine, withSessionOrInbox} from '../../cli/commands/session-or-inbox.js';
import type {Session} from '../../engine/state.js';
import {locateStep} from '../../engine/runbook-index.js';
import {didYouMean} from '../../runbook/suggest.js';
import {allSteps} from '../../engine/runbook-index.js';
import {hintsOf, nextHint} from '../hints.js';
import {requireTrainingState, traineeContext} from './training-context.js';

async function requireStep(context: CliContext, command: string) {
	const stepId = context.args.positionals[1];
	if (!stepId || context.args.positionals.length > 2) {
		throw new UsageError(`usage: azs-runbook train ${command} STEP${command === 'why' ? '' : ' --session NAME'}`);
	}

	const {runbook} = await loadCliRunbook(context);
	const location = locateStep(runbook, stepId);
	if (!location) {
		throw new UsageError(`unknown step "${stepId}"${didYouMean(stepId, allSteps(runbook).map(step => step.id))}`);
	}

	return location;
}

/** `train why STEP`: why the step matters, from the step file (not counted: it is on every step's screen too). */
export async function whyCommand(context: CliContext): Promise<number> {
	const {step, phase} = await requireStep(context, 'why');
	context.out(`${phase.title} › ${step.title} (${step.id})`);
	context.out(`Why it matters: ${step.why ?? 'the step file gives no reason'}`);
	if (step.onFailure) {
		context.out(`If it fails: ${step.onFailure}`);
	}

	return 0;
}

/** The session as if `more` further hints of the step had been shown. */
function withHintsShown(session: Session, stepId: string, more: number): Session {
	const training = session.training;
	return training && more > 0 ? {...session, training: {...training, hints: {...training.hints, [stepId]: (training.hints?.[stepId] ?? 0) + more}}} : session;
}

/** `train hint STEP --session NAME`: the next hint of the step, counted in the session's journal. */
export async function hintCommand(context: CliContext): Promise<number> {
	const {step} = await requireStep(context, 'hint');
	const trainee = traineeContext(context);
	const state = requireTrainingState(trainee, trainee.args.session);
	const total = hintsOf(step, state.scenario).length;
	const noneLeft = () => context.out(total === 0
		? `${step.id} has no hints. Why it matters: ${step.why ?? 'see the step text'}`
		: `no more hints for ${step.id}: all ${total} shown. Why it matters: ${step.why ?? 'see the step text'}`);
	return withSessionOrInbox(trainee, controller => {
		const hint = nextHint(controller.session, step, state.scenario);
		if (!hint) {
			noneLeft();
			return 0;
		}

		controller.dispatch({type: 'hint.shown', stepId: step.id, hint: hint.number});
		context.out(`Hint ${hint.number} of ${hint.total} for ${step.id}: ${hint.text}`);
		return 0;
	}, held => {
		// The trainee's TUI holds the session: the hints already sent and not yet taken in count as shown.
		const sent = held.pending.filter(request => request.action.type === 'hint.shown' && request.action.stepId === step.id).length;
		const hint = nextHint(withHintsShown(held.session, step.id, sent), step, state.scenario);
		if (!hint) {
			noneLeft();
			return 0;
		}

		held.send({type: 'hint.shown', stepId: step.id, hint: hint.number});
		context.out(`Hint ${hint.number} of ${hint.total} for ${step.id}: ${hint.text}`);
		context.err(`(counted: ${sentLine(held)})`);
		return 0;
	});
}
