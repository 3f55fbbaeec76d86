import {EngineRefusal, type Action} from '../engine/actions.js';
import {newSession} from '../engine/new-session.js';
import {reduce} from '../engine/reducer.js';
import type {Session} from '../engine/state.js';
import type {Runbook} from '../runbook/schema.js';
import type {JournalEntry} from '../store/journal.js';

/** The journal cannot be replayed: no `session.created` first, or an action the runbook refuses. */
export class RebuildError extends Error {
	override name = 'RebuildError';
}

export type RebuildOptions = {
	/** Replay only entries up to this sequence number (the state's journalSeq), inclusive. */
	upToSeq?: number;
	/** The training marker, for journals written before `session.created` carried it. */
	training?: Session['training'];
};

/**
Rebuilds a session from its journal alone: a fresh session from the `session.created` entry, then
every later action through the same pure reducer the live session used. The result equals the saved
state when the journal and the state agree (with the same runbook).
*/
export function rebuildSession(runbook: Runbook, entries: readonly JournalEntry[], options: RebuildOptions = {}): Session {
	const first = entries[0];
	if (first?.action.type !== 'session.created') {
		throw new RebuildError(first ? `the journal starts with ${first.action.type}, not session.created` : 'the journal is empty');
	}

	const created = first.action;
	let session = newSession({
		name: created.name,
		runbook,
		runbookHash: created.hash,
		stepHashes: created.stepHashes,
		at: created.at,
		training: created.training ?? options.training,
	});
	if (created.runbookId !== runbook.id) {
		throw new RebuildError(`the journal belongs to runbook "${created.runbookId}", not "${runbook.id}"`);
	}

	const last = options.upToSeq ?? Number.POSITIVE_INFINITY;
	for (const entry of entries) {
		if (entry.seq > last) {
			break;
		}

		session = {...replay(runbook, session, entry.action, entry.seq), journalSeq: entry.seq, journalHash: entry.hash};
	}

	return session;
}

/** Applies journal entries to a session: catches up a state a kill left behind its journal. */
export function replayEntries(runbook: Runbook, session: Session, entries: readonly JournalEntry[]): Session {
	let next = session;
	for (const entry of entries) {
		next = {...replay(runbook, next, entry.action, entry.seq), journalSeq: entry.seq, journalHash: entry.hash};
	}

	return next;
}

function replay(runbook: Runbook, session: Session, action: Action, seq: number): Session {
	try {
		return reduce(runbook, session, action);
	} catch (error) {
		if (error instanceof EngineRefusal) {
			// Only accepted actions are journalled, so a refusal means the runbook changed since.
			throw new RebuildError(`entry ${seq} (${action.type}) cannot be replayed with this runbook: ${error.message}`);
		}

		throw error;
	}
}
