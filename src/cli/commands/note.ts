import {locateStep} from '../../engine/runbook-index.js';
import {noteProblem} from '../../engine/session-notes.js';
import type {Runbook} from '../../runbook/schema.js';
import {controlCharacterProblem} from '../../text/escape-controls.js';
import {UsageError} from '../args.js';
import type {CliContext} from '../context.js';
import {sentLine, withSessionOrInbox} from './session-or-inbox.js';

/** The step the note is about: --step, else where the session is. */
function noteStep(context: CliContext, runbook: Runbook, position: string): string {
	const stepId = context.args.step ?? position;
	if (!locateStep(runbook, stepId)) {
		throw new UsageError(`unknown step "${stepId}"`);
	}

	return stepId;
}

/**
`note TEXT [--step ID]`: a timestamped note in the journal (who, when, which step): a ticket number,
a toolkit version, what the customer said. Without --step it is about the step where the session is.
While the TUI holds the session, the note goes through its inbox and the TUI journals it.
*/
export async function noteCommand(context: CliContext): Promise<number> {
	const text = context.args.positionals.join(' ');
	if (text.trim().length === 0) {
		throw new UsageError('usage: azs-runbook note "TEXT" [--step ID]   (e.g. note "firewall ticket INC-4711 raised")');
	}

	const problem = controlCharacterProblem('a note', text) ?? noteProblem(text);
	if (problem) {
		throw new UsageError(problem);
	}

	return withSessionOrInbox(context, controller => {
		const stepId = noteStep(context, controller.loaded.runbook, controller.session.position.stepId);
		const session = controller.dispatch({type: 'note.added', text, stepId});
		const note = session.notes!.at(-1)!;
		context.out(`note on ${stepId} recorded by ${note.by} at ${note.at}`);
		return 0;
	}, held => {
		const stepId = noteStep(context, held.loaded.runbook, held.session.position.stepId);
		held.send({type: 'note.added', text: text.trim(), stepId});
		context.out(`note on ${stepId} by ${held.operator} ${sentLine(held)}`);
		return 0;
	});
}
