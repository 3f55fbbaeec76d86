import {UsageError} from '../../cli/args.js';
import type {CliContext} from '../../cli/context.js';
import {withSession} from '../../cli/commands/with-session.js';
import {EngineRefusal} from '../../engine/actions.js';
import {locateStep} from '../../engine/runbook-index.js';
import {fixOwners} from '../scenario-schema.js';
import {requireTrainingState, traineeContext} from './training-context.js';

const findingStates = new Set(['failed', 'warned', 'error', 'overridden']);

/**
`train escalate STEP --to TEAM [--reason TEXT] --session NAME`: the trainee hands a finding to the
team that must fix it, as they would on site (a ticket, a call); recorded in the journal, judged in
the instructor's summary against the team the finding names.
*/
export async function escalateCommand(context: CliContext): Promise<number> {
	const stepId = context.args.positionals[1];
	const owner = context.args.to;
	if (!stepId || !owner || context.args.positionals.length > 2) {
		throw new UsageError(`usage: azs-runbook train escalate STEP --to TEAM [--reason TEXT] --session NAME   (teams: ${fixOwners.join(', ')})`);
	}

	if (!(fixOwners as readonly string[]).includes(owner)) {
		throw new UsageError(`--to must be one of ${fixOwners.join(', ')}, not "${owner}"`);
	}

	const trainee = traineeContext(context);
	requireTrainingState(trainee, trainee.args.session);
	return withSession(trainee, controller => {
		const location = locateStep(controller.loaded.runbook, stepId);
		const record = controller.session.steps[stepId];
		if (location?.step.kind !== 'check') {
			throw new EngineRefusal(`"${stepId}" is not a check step: only check findings are escalated`);
		}

		if (!record || !findingStates.has(record.state)) {
			throw new EngineRefusal(`${stepId} has no finding to escalate (${record?.state ?? 'not run yet'}); run it first`);
		}

		controller.dispatch({type: 'finding.escalated', stepId, owner, note: context.args.reason?.trim() ?? ''});
		context.out(`${stepId}: escalated to ${owner} by ${controller.operator}`);
		return 0;
	});
}
