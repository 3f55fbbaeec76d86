import {existsSync, readFileSync} from 'node:fs';
import {newSession} from '../../engine/new-session.js';
import type {Session} from '../../engine/state.js';
import {statusView} from '../../engine/status.js';
import {CorruptStateError} from '../../store/errors.js';
import {migrateState} from '../../store/migrate.js';
import {checkSessionFile} from '../../store/session-file.js';
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
	let session: Session;
	if (existsSync(file)) {
		const migrated = migrateState(safeParse(readFileSync(file, 'utf8')));
		const checked = migrated.kind === 'unsupported' ? {ok: false as const, problem: migrated.problem} : checkSessionFile(migrated.state);
		if (!checked.ok) {
			throw new CorruptStateError(file, `${file} (left in place: status only reads; the next command that opens the session keeps it aside)`, checked.problem);
		}

		session = checked.session;
	} else {
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

function safeParse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
