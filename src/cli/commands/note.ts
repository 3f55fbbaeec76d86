import {locateStep} from '../../engine/runbook-index.js';
import {noteProblem} from '../../engine/session-notes.js';
import {controlCharacterProblem} from '../../text/escape-controls.js';
import {UsageError} from '../args.js';
import type {CliContext} from '../context.js';
import {withSession} from './with-session.js';

/**
`note TEXT [--step ID]`: a timestamped note in the journal (who, when, which step): a ticket number,
a toolkit version, what the customer said. Without --step it is about the step where the session is.
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

	return withSession(context, controller => {
		const stepId = context.args.step ?? controller.session.position.stepId;
		if (!locateStep(controller.loaded.runbook, stepId)) {
			throw new UsageError(`unknown step "${stepId}"`);
		}

		const session = controller.dispatch({type: 'note.added', text, stepId});
		const note = session.notes!.at(-1)!;
		context.out(`note on ${stepId} recorded by ${note.by} at ${note.at}`);
		return 0;
	});
}
