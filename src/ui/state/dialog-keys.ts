import {noteProblem} from '../../engine/session-notes.js';
import {fixOwners} from '../../training/scenario-schema.js';
import {withEffect} from './effects.js';
import type {KeyPress} from './keys.js';
import {topRoute} from './navigation.js';
import {editText} from './text-field.js';
import type {Dialog, UiState} from './ui-state.js';

/** The step the dialog came from, when it is the step view: after success the view moves on. */
function advanceFrom(state: UiState, stepId: string): string | undefined {
	const route = topRoute(state);
	return route.screen === 'step' && route.stepId === stepId ? stepId : undefined;
}

function submit(state: UiState, dialog: Dialog): UiState {
	const closed = {...state, dialog: undefined};
	switch (dialog.kind) {
		case 'override': {
			return withEffect(closed, {
				type: 'engine',
				action: {type: 'step.overridden', stepId: dialog.stepId, reason: dialog.buffer.value},
				advanceFrom: advanceFrom(state, dialog.stepId),
				success: `override of ${dialog.stepId} recorded with your reason`,
			});
		}

		case 'unfreeze': {
			if (dialog.buffer.value.trim().length === 0) {
				return {...state, dialog: {...dialog, refused: 'an unfreeze needs a reason: say why the frozen value must change'}};
			}

			return withEffect(closed, {
				type: 'engine',
				action: {type: 'input.unfreeze', name: dialog.inputName, reason: dialog.buffer.value.trim()},
				success: `${dialog.inputName} unfrozen; results that used it must re-run`,
			});
		}

		case 'attest': {
			return withEffect(closed, {
				type: 'engine',
				action: {type: 'step.confirmed', stepId: dialog.stepId},
				advanceFrom: advanceFrom(state, dialog.stepId),
				success: `attested as ${state.operator}`,
			});
		}

		case 'note': {
			const problem = noteProblem(dialog.buffer.value);
			if (problem) {
				return {...state, dialog: {...dialog, refused: problem}};
			}

			return withEffect(closed, {
				type: 'engine',
				action: {type: 'note.added', stepId: dialog.stepId, text: dialog.buffer.value.trim()},
				success: `note on ${dialog.stepId} recorded as ${state.operator}`,
			});
		}

		case 'escalate': {
			const owner = fixOwners[dialog.team]!;
			return withEffect(closed, {
				type: 'engine',
				action: {type: 'finding.escalated', stepId: dialog.stepId, owner, note: dialog.buffer.value.trim()},
				success: `${dialog.stepId} escalated to ${owner} (recorded for the instructor)`,
			});
		}

		case 'not-overridable':
		case 'unsaved': {
			return closed;
		}
	}
}

/** Keys while a dialog is open: it has the keyboard until Enter or Esc. */
export function dialogKey(state: UiState, dialog: Dialog, key: KeyPress): UiState {
	if (key.escape || (dialog.kind === 'attest' && key.text === 'n')) {
		return {...state, dialog: undefined};
	}

	if (key.enter || (dialog.kind === 'attest' && key.text === 'y')) {
		return submit(state, dialog);
	}

	if (dialog.kind === 'escalate' && (key.up || key.down)) {
		const team = (dialog.team + (key.up ? fixOwners.length - 1 : 1)) % fixOwners.length;
		return {...state, dialog: {...dialog, team}};
	}

	if (dialog.kind === 'override' || dialog.kind === 'unfreeze' || dialog.kind === 'note' || dialog.kind === 'escalate') {
		const buffer = editText(dialog.buffer, key);
		return buffer ? {...state, dialog: {...dialog, buffer, refused: undefined}} : state;
	}

	return state;
}
