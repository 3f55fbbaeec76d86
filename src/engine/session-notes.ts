import type {Runbook} from '../runbook/schema.js';
import {EngineRefusal, type Action} from './actions.js';
import {locateStep} from './runbook-index.js';
import type {Session, SessionNote} from './state.js';

/** A note is a line or two (a ticket number, a version, what the customer said), not a document. */
export const noteMaxLength = 1000;

/** Why a note's text is refused (empty, too long), or undefined. Control characters are refused with all typed text. */
export function noteProblem(text: string): string | undefined {
	if (text.trim().length === 0) {
		return 'a note needs some text, e.g. "ticket INC-4711 raised with the firewall team"';
	}

	return text.length > noteMaxLength ? `a note holds at most ${noteMaxLength} characters (this one has ${text.length}); split it in two` : undefined;
}

/** The session with one more note; refused (EngineRefusal) for empty or overlong text or an unknown step. */
export function addNote(runbook: Runbook, session: Session, action: Extract<Action, {type: 'note.added'}>): Session {
	const problem = noteProblem(action.text);
	if (problem) {
		throw new EngineRefusal(problem);
	}

	if (action.stepId !== undefined && !locateStep(runbook, action.stepId)) {
		throw new EngineRefusal(`unknown step "${action.stepId}"`);
	}

	const note: SessionNote = {text: action.text.trim(), ...(action.stepId === undefined ? {} : {stepId: action.stepId}), at: action.at, by: action.by};
	return {...session, notes: [...(session.notes ?? []), note]};
}

/** The notes about one step, oldest first. */
export function notesAbout(session: Session, stepId: string): SessionNote[] {
	return (session.notes ?? []).filter(note => note.stepId === stepId);
}
