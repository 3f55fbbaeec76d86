import {copyFileSync} from 'node:fs';
import {RebuildError, rebuildSession} from '../../journal/rebuild.js';
import {writeFileDurably} from '../../store/durable-write.js';
import {StateError} from '../../store/errors.js';
import {readJournal} from '../../store/journal.js';
import {rebuildableEntries, SessionStore} from '../../store/session-store.js';
import {lstatOrUndefined, readStoreFile} from '../../store/store-files.js';
import {UsageError} from '../args.js';
import {loadCliRunbook, type CliContext} from '../context.js';

/**
`journal rebuild --yes`: the operator's way out when the state and journal disagree. The current
state and journal are copied aside unchanged; the journal is reduced to its verified entries (the
same bytes) and the state is rebuilt from them through the reducer. A kill part-way leaves either
the old pair or a verified journal with a state the next open judges again: never a silent mix.
*/
export async function journalRebuild(context: CliContext): Promise<number> {
	if (!context.args.yes) {
		throw new UsageError(`journal rebuild replaces the saved state of session "${context.args.session}" with one rebuilt from its journal; add --yes (both files are kept aside first)`);
	}

	const loaded = await loadCliRunbook(context);
	const store = SessionStore.open({stateDir: context.stateDir, name: context.args.session});
	try {
		const {paths} = store;
		const text = readStoreFile(paths.journal, 'journal') ?? '';
		const journal = readJournal(paths.journal);
		const count = rebuildableEntries(journal);
		if (count === 0) {
			throw new StateError(`the journal of session "${context.args.session}" holds no verified entries starting with session.created: there is nothing to rebuild from; keep both aside and start afresh with: azs-runbook reset --session ${context.args.session} --yes`);
		}

		let rebuilt;
		try {
			rebuilt = rebuildSession(loaded.runbook, journal.entries);
		} catch (error) {
			if (error instanceof RebuildError) {
				throw new StateError(`cannot rebuild session "${context.args.session}" from its journal: ${error.message}; run it with the runbook the session was recorded with (--runbook FILE)`);
			}

			throw error;
		}

		const stamp = new Date().toISOString().replaceAll(':', '-');
		const kept: string[] = [];
		for (const file of [paths.journal, paths.state]) {
			if (lstatOrUndefined(file)) {
				const aside = `${file}.before-rebuild-${stamp}`;
				copyFileSync(file, aside);
				kept.push(aside);
			}
		}

		// The verified lines, byte for byte: entries after the first bad line stay only in the copy.
		const verifiedBytes = text.split('\n').slice(0, count).map(line => `${line}\n`).join('');
		writeFileDurably(paths.journal, verifiedBytes);
		store.save(rebuilt);
		const dropped = journal.problem || journal.truncatedTail ? ' (the lines after them are only in the kept copy)' : '';
		context.out(`Session "${context.args.session}" rebuilt from its journal's ${count} verified entr${count === 1 ? 'y' : 'ies'}${dropped}. Kept as they were: ${kept.join(', ')}`);
		return 0;
	} finally {
		store.close();
	}
}
