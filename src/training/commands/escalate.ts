import {UsageError} from '../../cli/args.js';
import type {CliContext} from '../../cli/context.js';
import {sentLine, withSessionOrInbox} from '../../cli/commands/session-or-inbox.js';
import {EngineRefusal} from '../../engine/actions.js';
import {escalationProblem} from '../escalation.js';
import {fixOwners} from '../scenario-schema.js';
import {requireTrainingState, traineeContext} from './training-context.js';

/**
`train escalate STEP --to TEAM [--reason TEXT] --session NAME`: the trainee hands a finding to the
team that must fix it, as they would on site (a ticket, a call); recorded in the journal, judged in
the instructor's summary against the team the finding names. Works while the trainee's TUI is open
(sent through the session inbox).
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
	const note = context.args.reason?.trim() ?? '';
	const refuse = (problem: string | undefined) => {
		if (problem) {
			throw new EngineRefusal(problem);
		}
	};

	return withSessionOrInbox(trainee, controller => {
		refuse(escalationProblem(controller.loaded.runbook, controller.session, stepId));
		controller.dispatch({type: 'finding.escalated', stepId, owner, note});
		context.out(`${stepId}: escalated to ${owner} by ${controller.operator}`);
		return 0;
	}, held => {
		refuse(escalationProblem(held.loaded.runbook, held.session, stepId));
		held.send({type: 'finding.escalated', stepId, owner, note});
		context.out(`${stepId}: escalated to ${owner} by ${held.operator}; ${sentLine(held)}`);
		return 0;
	});
}
