import {newSession} from '../../engine/new-session.js';
import type {Session} from '../../engine/state.js';
import {statusView} from '../../engine/status.js';
import {readStateFile} from '../../journal/read-session.js';
import {checkSessionName, sessionPaths} from '../../store/session-paths.js';
import {UsageError} from '../args.js';
import {loadCliRunbook, type CliContext} from '../context.js';
import {formatStatus} from '../format-status.js';

/**
`status`: read-only, takes no lock, so it works while the TUI holds the session.
A session that does not exist yet shows as a fresh one (nothing is written).
*/
export async function statusCommand(context: CliContext, hint?: string): Promise<number> {
	const badName = checkSessionName(context.args.session);
	if (badName) {
		throw new UsageError(badName);
	}

	const loaded = loadCliRunbook(context);
	const file = sessionPaths(context.stateDir, context.args.session).state;
	// Read only: a damaged or unreadable state is reported and left in place (exit 3).
	const session: Session = readStateFile(file)
		?? newSession({name: context.args.session, runbook: loaded.runbook, runbookHash: loaded.hash, stepHashes: loaded.stepHashes, at: new Date().toISOString()});
	const view = statusView(loaded.runbook, session);
	if (context.args.json) {
		context.out(JSON.stringify(view, null, 2));
	} else {
		context.out(formatStatus(view));
		if (hint) {
			context.out(`\n${hint}`);
		}
	}

	return 0;
}
