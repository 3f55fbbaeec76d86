import {existsSync} from 'node:fs';
import type {Session} from '../engine/state.js';
import type {Runbook} from '../runbook/schema.js';
import {readJournal, type JournalEntry} from '../store/journal.js';
import {sessionPaths} from '../store/session-paths.js';
import {vouch} from '../store/vouch.js';
import {asSaved, firstDifference, formatPath, valueAt} from './compare.js';
import {readStateFile} from './read-session.js';
import {RebuildError, rebuildSession} from './rebuild.js';

export type JournalVerdict = {
	ok: boolean;
	/** Entries that verified (the whole journal when ok). */
	entries: number;
	/** What is wrong: a line number when one line of the journal is to blame. */
	problem?: {line?: number; message: string};
	/** Things worth knowing that are not tampering: a cut last line, entries ahead of the state. */
	notes: string[];
	/** True when the saved state was replayed from the journal and found equal. */
	stateAgrees?: boolean;
};

/** Whether the session has anything on disk to verify. */
export function sessionExists(stateDir: string, name: string): boolean {
	const paths = sessionPaths(stateDir, name);
	return existsSync(paths.state) || existsSync(paths.journal);
}

/**
Verifies a session's journal: the hash chain (an edited, deleted or reordered entry names the first
bad line), then the saved state against it: the state may not include more entries than the journal
holds (entries cut from the end), and replaying the journal must give the saved state.
Reads only; takes no lock.
*/
export function verifyJournal(stateDir: string, name: string, runbook?: Runbook): JournalVerdict {
	const paths = sessionPaths(stateDir, name);
	const journal = readJournal(paths.journal);
	const notes: string[] = [];
	const entries = journal.entries.length;
	if (journal.problem) {
		return {ok: false, entries, problem: journal.problem, notes};
	}

	const state = readStateFile(paths.state);
	const vouched = vouch(state, journal);
	if (!vouched.ok) {
		return {ok: false, entries, problem: {...(vouched.line === undefined ? {} : {line: vouched.line}), message: vouched.problem}, notes};
	}

	if (journal.truncatedTail) {
		// Only now is it certain that the cut line is one the state does not include yet.
		notes.push(`the last line was cut short by an interrupted write (a kill mid-append); it was never reported done and the next open removes it`);
	}

	if (!state) {
		notes.push('no saved state yet: only the journal was checked');
		return {ok: true, entries, notes};
	}

	if (entries > state.journalSeq) {
		notes.push(`${entries - state.journalSeq} entr${entries - state.journalSeq === 1 ? 'y is' : 'ies are'} newer than the saved state (a stop between journal and state write); the next open replays ${entries - state.journalSeq === 1 ? 'it' : 'them'}`);
	}

	const comparison: Comparison = runbook
		? compareWithState(runbook, journal.entries, state)
		: {kind: 'skipped', note: 'the saved state was not compared with the journal (no runbook given)'};
	if (comparison.kind === 'disagrees') {
		return {ok: false, entries, problem: {message: comparison.message}, notes};
	}

	if (comparison.kind === 'skipped') {
		notes.push(comparison.note);
	}

	return {ok: true, entries, notes, ...(comparison.kind === 'agrees' ? {stateAgrees: true} : {})};
}

type Comparison = {kind: 'agrees'} | {kind: 'skipped'; note: string} | {kind: 'disagrees'; message: string};

/** Replays the journal up to the state's sequence and names the first field where they disagree. */
function compareWithState(runbook: Runbook, entries: readonly JournalEntry[], state: Session): Comparison {
	if (state.runbookId !== runbook.id) {
		return {kind: 'skipped', note: `the saved state was not compared with the journal: it belongs to runbook "${state.runbookId}", not "${runbook.id}"`};
	}

	let rebuilt: Session;
	try {
		rebuilt = rebuildSession(runbook, entries, {upToSeq: state.journalSeq, training: state.training});
	} catch (error) {
		if (error instanceof RebuildError) {
			return {kind: 'skipped', note: `the saved state was not compared with the journal: ${error.message}`};
		}

		throw error;
	}

	// A state saved before states recorded the journal hash is compared without it.
	const fromJournal = asSaved(state.journalHash === undefined ? {...rebuilt, journalHash: undefined} : rebuilt);
	const saved = asSaved(state);
	const path = firstDifference(saved, fromJournal);
	if (path === undefined) {
		return {kind: 'agrees'};
	}

	const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
	const message = `the saved state disagrees with the journal at ${formatPath(path)}: the state has ${show(valueAt(saved, path))}, replaying the journal gives ${show(valueAt(fromJournal, path))} (the state file was edited, or the journal was rewritten)`;
	return {kind: 'disagrees', message};
}
