import type {JournalRead} from './journal.js';

/** What the saved state says about its journal: the last entry it includes, and that entry's hash. */
export type StateAnchor = {journalSeq: number; journalHash?: string};

export type VouchOutcome =
	| {ok: true}
	| {
		ok: false;
		/** What disagrees, in words. */
		problem: string;
		/** The 1-based journal line to blame, when one line is. */
		line?: number;
	};

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
Whether the saved state and the journal vouch for each other: the journal's chain holds, it still
contains the entry the state says it includes (same sequence, same hash), and nothing the state
includes was cut from it. Entries after the state's are allowed: a kill between the journal append
and the state write leaves them, and the next open replays them. Pure: the caller reads, decides.
*/
export function vouch(state: StateAnchor | undefined, journal: JournalRead): VouchOutcome {
	if (journal.problem) {
		return {ok: false, line: journal.problem.line, problem: `the journal fails verification at line ${journal.problem.line}: ${journal.problem.message}`};
	}

	if (!state) {
		return {ok: true};
	}

	const count = journal.entries.length;
	const seq = state.journalSeq;
	if (count < seq) {
		if (journal.truncatedTail) {
			// A kill mid-append cuts only an entry the state does not include yet: this is a cut file.
			return {
				ok: false,
				line: count + 1,
				problem: `the journal ends in the middle of a line after entry ${count}, but the saved state includes entries up to ${seq}: the journal was cut (an interrupted write cuts only an entry the state does not include yet), and ${plural(seq - count, 'entry that was', 'entries that were')} reported done ${seq - count === 1 ? 'is' : 'are'} gone`,
			};
		}

		if (count === 0) {
			return {ok: false, line: 1, problem: `the journal is empty or missing, but the saved state includes entries up to ${seq}: it was emptied or deleted`};
		}

		return {ok: false, line: count + 1, problem: `the journal ends after entry ${count} but the saved state includes ${seq}: ${plural(seq - count, 'entry was', 'entries were')} removed from the end`};
	}

	const anchored = seq > 0 ? journal.entries[seq - 1] : undefined;
	if (anchored && state.journalHash !== undefined && anchored.hash !== state.journalHash) {
		return {
			ok: false,
			line: seq,
			problem: `the journal's entry ${seq} is not the one the saved state recorded (hash ${anchored.hash.slice(0, 12)}…, the state has ${state.journalHash.slice(0, 12)}…): the journal was rewritten or replaced`,
		};
	}

	return {ok: true};
}
