import {caseClashProblem, checkSessionName} from '../../store/session-paths.js';
import type {SessionChoice} from './ui-state.js';

/** Why a new session name is refused (the store's own rule, or a clash), or undefined when fine. */
export function sessionNameProblem(name: string, sessions: readonly SessionChoice[]): string | undefined {
	if (name.length === 0) {
		return 'type a name for the session, e.g. the site or rack (letters, digits, ".", "_", "-")';
	}

	const problem = checkSessionName(name) ?? caseClashProblem(name, sessions.map(session => session.name));
	if (problem) {
		return problem;
	}

	return sessions.some(session => session.name === name)
		? `a session named "${name}" already exists: resume it from the list, or choose another name`
		: undefined;
}
