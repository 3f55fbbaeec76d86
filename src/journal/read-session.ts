import type {Session} from '../engine/state.js';
import type {Runbook} from '../runbook/schema.js';
import {CorruptStateError} from '../store/errors.js';
import {readJournal, type JournalRead} from '../store/journal.js';
import {migrateState} from '../store/migrate.js';
import {checkSessionFile} from '../store/session-file.js';
import {sessionPaths} from '../store/session-paths.js';
import {readStoreFile} from '../store/store-files.js';
import {vouch} from '../store/vouch.js';
import {rebuildSession, replayEntries} from './rebuild.js';

export type ReadSession = {
	/** The session as the next open would see it: the saved state plus any journal entries ahead of it. */
	session: Session;
	/** The saved state as it is on disk, when there is one. */
	saved?: Session;
	journal: JournalRead;
	/** Journal entries newer than the saved state, replayed here in memory only. */
	pending: number;
	/** Set when the saved state and the journal do not vouch for each other (the next open refuses). */
	disagreement?: string;
};

/** Reads a saved state file the way `status` does: migrated and shape-checked, never moved aside. */
export function readStateFile(file: string): Session | undefined {
	const text = readStoreFile(file, 'saved state');
	if (text === undefined) {
		return undefined;
	}

	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		raw = undefined;
	}

	const migrated = migrateState(raw);
	const checked = migrated.kind === 'unsupported' ? {ok: false as const, problem: migrated.problem} : checkSessionFile(migrated.state);
	if (!checked.ok) {
		throw new CorruptStateError(file, `${file} (left in place: reading only; the next command that opens the session keeps it aside)`, checked.problem);
	}

	return checked.session;
}

/**
Reads a session without taking its lock, so reports and the journal view work while the TUI holds
it. Nothing is written: entries a kill left ahead of the state are replayed in memory.
Returns undefined when the session has neither a state nor a journal.
*/
export function readSessionReadOnly(stateDir: string, name: string, runbook: Runbook): ReadSession | undefined {
	const paths = sessionPaths(stateDir, name);
	const saved = readStateFile(paths.state);
	const journal = readJournal(paths.journal);
	if (saved) {
		const ahead = journal.entries.filter(entry => entry.seq > saved.journalSeq);
		const session = ahead.length > 0 && saved.runbookId === runbook.id ? replayEntries(runbook, saved, ahead) : saved;
		const vouched = vouch(saved, journal);
		return {session, saved, journal, pending: ahead.length, ...(vouched.ok ? {} : {disagreement: vouched.problem})};
	}

	if (journal.entries.length > 0) {
		// Killed after the first journal append and before the first state write.
		return {session: rebuildSession(runbook, journal.entries), journal, pending: journal.entries.length};
	}

	return undefined;
}
