import {newSession} from '../../engine/new-session.js';
import {localVantage} from '../../engine/local-vantage.js';
import {statusView} from '../../engine/status.js';
import {readStateFile} from '../../journal/read-session.js';
import {checkSessionName, sessionPaths} from '../../store/session-paths.js';
import {UsageError} from '../args.js';
import {loadCliRunbook, missingSession, type CliContext} from '../context.js';
import {formatStatus} from '../format-status.js';

/**
`status`: read-only, takes no lock, so it works while the TUI holds the session.
The default session shows as a fresh one before it starts (nothing is written); any other
missing name is refused with the sessions that do exist.
*/
export async function statusCommand(context: CliContext, hint?: string): Promise<number> {
	const badName = checkSessionName(context.args.session);
	if (badName) {
		throw new UsageError(badName);
	}

	const loaded = await loadCliRunbook(context);
	const file = sessionPaths(context.stateDir, context.args.session).state;
	// Read only: a damaged or unreadable state is reported and left in place (exit 3).
	let session = readStateFile(file);
	if (!session) {
		// Only the default session is shown fresh (it is where a first `run` or `set` starts); any other name may be a typo.
		if (context.args.session !== 'default' || context.training) {
			throw missingSession(context);
		}

		context.err(`session "default" has not started yet (nothing saved in ${context.stateDir}); this is how it starts`);
		session = newSession({name: context.args.session, runbook: loaded.runbook, runbookHash: loaded.hash, stepHashes: loaded.stepHashes, at: new Date().toISOString()});
	}

	const view = statusView(loaded.runbook, session);
	if (context.args.json) {
		context.out(JSON.stringify(view, null, 2));
	} else {
		context.out(formatStatus(view));
		const here = localVantage(loaded.runbook, session);
		// Only what the work has reached: steps of the current phase or earlier ones, owed by another vantage.
		const reached = new Set(loaded.runbook.phases.slice(0, loaded.runbook.phases.findIndex(phase => phase.id === session.position.phaseId) + 1).flatMap(phase => phase.steps.map(step => step.id)));
		const owing = view.vantages.filter(standing => standing.vantage !== here && standing.owed.some(stepId => reached.has(stepId)));
		if (owing.length > 0) {
			context.err(`\n${here ? `This host is the ${here}. ` : ''}Bring the other vantages' results with: ${context.command(['collect', ...owing.flatMap(standing => ['--host', `${standing.vantage}=USER@ADDRESS`])])} (or results export --run / results import on a file)`);
		}

		if (hint) {
			// For a person, not for a program reading the status: standard error.
			context.err(`\n${hint}`);
		}
	}

	return 0;
}
