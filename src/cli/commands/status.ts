import {newSession} from '../../engine/new-session.js';
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

	const loaded = loadCliRunbook(context);
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
		if (hint) {
			// For a person, not for a program reading the status: standard error.
			context.err(`\n${hint}`);
		}
	}

	return 0;
}
