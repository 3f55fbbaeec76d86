import {readdirSync, renameSync} from 'node:fs';
import path from 'node:path';
import {fsyncDirectory} from './durable-write.js';
import {readJournal} from './journal.js';
import type {sessionPaths} from './session-paths.js';
import {lstatOrUndefined, readStoreFile} from './store-files.js';

type Paths = ReturnType<typeof sessionPaths>;

/** The backup name `reset` gives a session file. */
export function resetBackupName(file: string, stamp: string): string {
	return `${file}.reset-${stamp}.bak`;
}

/**
Sets a session's journal and state aside as a reset does: journal first, then state, each renamed
to `<file>.reset-<stamp>.bak`, then the directory flushed. A kill between the two renames leaves a
state without a journal beside a journal backup that ends where the state does; the next open
finishes it (finishInterruptedReset). Returns the backups made.
*/
export function setAsideForReset(paths: Paths, stamp: string): string[] {
	const kept: string[] = [];
	// The inbox first: requests sent to the old session must not be taken into the new one.
	for (const file of [paths.inbox, paths.journal, paths.state]) {
		if (lstatOrUndefined(file)) {
			renameSync(file, resetBackupName(file, stamp));
			kept.push(resetBackupName(file, stamp));
		}
	}

	fsyncDirectory(path.dirname(paths.state));
	return kept;
}

/**
Finishes a reset killed between its two renames: the journal is gone, the state is still there, and
a reset backup of the journal ends exactly where the state does (same sequence and hash). The state
then goes aside under the same stamp. Anything else is left for the journal check to judge.
Returns a notice when it finished one.
*/
export function finishInterruptedReset(paths: Paths): string | undefined {
	if (lstatOrUndefined(paths.journal) || !lstatOrUndefined(paths.state)) {
		return undefined;
	}

	let anchor: {journalSeq?: unknown; journalHash?: unknown};
	try {
		anchor = JSON.parse(readStoreFile(paths.state, 'saved state') ?? '') as typeof anchor;
	} catch {
		return undefined;
	}

	const prefix = `${path.basename(paths.journal)}.reset-`;
	const backups = readdirSync(path.dirname(paths.journal)).filter(name => name.startsWith(prefix) && name.endsWith('.bak')).sort().reverse();
	for (const name of backups) {
		const last = readJournal(path.join(path.dirname(paths.journal), name)).entries.at(-1);
		if (last && last.seq === anchor.journalSeq && (anchor.journalHash === undefined || last.hash === anchor.journalHash)) {
			const stamp = name.slice(prefix.length, -'.bak'.length);
			const target = resetBackupName(paths.state, stamp);
			if (lstatOrUndefined(target)) {
				return undefined;
			}

			renameSync(paths.state, target);
			fsyncDirectory(path.dirname(paths.state));
			return `a reset was interrupted between its two renames; it was finished: the state is kept as ${target} beside its journal`;
		}
	}

	return undefined;
}
