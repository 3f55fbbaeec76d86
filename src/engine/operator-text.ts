import {controlCharacterProblem} from '../text/escape-controls.js';
import type {Action} from './actions.js';

/*
What an operator types (names, reasons, input values, notes) is refused when it holds control
characters: it would be recorded forever and shown to the next engineer. Text from the network
(check results, command output) is recorded as it came and escaped where it is shown.
*/

function typedText(action: Action): Array<[string, string]> {
	const fields: Array<[string, string]> = [['the operator name', action.by]];
	switch (action.type) {
		case 'session.created': {
			fields.push(['the session name', action.name]);
			if (action.training) {
				fields.push(['the trainee name', action.training.trainee]);
			}

			break;
		}

		case 'input.set': {
			const values = Array.isArray(action.value) ? action.value : [action.value];
			fields.push(['the input name', action.name], ...values.map((value): [string, string] => [`the value of ${action.name}`, value]));
			break;
		}

		case 'input.unfreeze':
		case 'step.skipped':
		case 'step.overridden': {
			fields.push(['the reason', action.reason]);
			break;
		}

		case 'finding.escalated': {
			fields.push(['the team', action.owner], ['the note', action.note]);
			break;
		}

		case 'note.added': {
			fields.push(['the note', action.text]);
			break;
		}

		default: {
			break;
		}
	}

	return fields;
}

/** Why an action's typed text is refused, or undefined when it is clean. */
export function operatorTextProblem(action: Action): string | undefined {
	for (const [what, text] of typedText(action)) {
		const problem = controlCharacterProblem(what, text);
		if (problem) {
			return problem;
		}
	}

	return undefined;
}
