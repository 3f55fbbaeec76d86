import {locateStep} from '../engine/runbook-index.js';
import type {Runbook} from '../runbook/schema.js';
import {listSessions} from '../store/session-store.js';
import type {SessionChoice} from './state/ui-state.js';

/**
The saved sessions the start screen offers: those of this runbook (others cannot be opened with
it), and unreadable files (opening one keeps it aside and says so). Most recent first.
*/
export function sessionChoices(runbook: Runbook, stateDir: string): SessionChoice[] {
	return listSessions(stateDir).flatMap((summary): SessionChoice[] => {
		const {session} = summary;
		if (!session) {
			return [{name: summary.name, problem: summary.problem ?? 'unreadable'}];
		}

		if (session.runbookId !== runbook.id) {
			return [];
		}

		const location = locateStep(runbook, session.position.stepId);
		return [{
			name: summary.name,
			phaseTitle: location?.phase.title ?? session.position.phaseId,
			stepTitle: location?.step.title ?? session.position.stepId,
			updatedAt: session.updatedAt,
			training: Boolean(session.training),
		}];
	});
}
