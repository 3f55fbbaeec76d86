import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Action} from '../engine/actions.js';
import type {Session} from '../engine/state.js';
import {removeOrphanedTemps, writeFileDurably} from './durable-write.js';
import {CorruptStateError, JournalMismatchError, StateError} from './errors.js';
import {acquireLock} from './lock.js';
import {JournalWriter, readJournal, repairJournalTail, type JournalEntry, type JournalRead} from './journal.js';
import {migrateState} from './migrate.js';
import {checkSessionFile} from './session-file.js';
import {finishInterruptedReset} from './reset-files.js';
import {caseClashProblem, checkSessionName, sessionNameOf, sessionPaths} from './session-paths.js';
import {readStoreFile} from './store-files.js';
import {vouch} from './vouch.js';

export type StoreOptions = {stateDir: string; name: string; training?: boolean};

export type LoadOutcome = {
	session: Session | undefined;
	/**
	Journal entries newer than the saved state (a kill between journal and state write); when there
	is no saved state, every journal entry (the caller rebuilds the state from them).
	*/
	pendingEntries: JournalEntry[];
	/** Things the operator should know: migrations, repaired journal tails. */
	notices: string[];
};

/**
One named session on disk: the state (written by writeFileDurably: every byte, fsync, rename; mode 0600),
its hash-chained journal and its lock. Every transition goes journal first, then state, and only
then is reported done, so a kill at any point loses nothing that was reported.
*/
export class SessionStore {
	readonly paths: ReturnType<typeof sessionPaths>;
	private readonly release: () => void;
	private journal: JournalWriter | undefined;
	/** The journal sequence of the last state saved or loaded: a save never goes below it. */
	private savedSeq = 0;

	private constructor(readonly options: StoreOptions) {
		this.paths = sessionPaths(options.stateDir, options.name);
		this.release = acquireLock(this.paths.lock, options.name);
	}

	/** Takes the session's lock; the state is read by load(). */
	static open(options: StoreOptions): SessionStore {
		const problem = checkSessionName(options.name) ?? caseClashProblem(options.name, sessionNamesIn(options.stateDir));
		if (problem) {
			throw new StateError(problem);
		}

		try {
			// 0700: the directory holds IP addresses and tenant names, like the files in it.
			mkdirSync(options.stateDir, {recursive: true, mode: 0o700});
		} catch (error) {
			throw new StateError(`cannot create the state directory ${options.stateDir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
		}

		return new SessionStore(options);
	}

	/**
	Loads the saved session, if any. A corrupt file is kept aside and reported (CorruptStateError);
	a state and journal that do not vouch for each other are refused before anything is written
	(JournalMismatchError).
	*/
	load(): LoadOutcome {
		const notices: string[] = [];
		const file = this.paths.state;
		// We hold the lock: any temporary state file beside ours is from a process killed mid-save.
		const orphans = removeOrphanedTemps(file);
		if (orphans > 0) {
			notices.push(`removed ${orphans} temporary state file${orphans === 1 ? '' : 's'} left by an interrupted save`);
		}

		const finishedReset = finishInterruptedReset(this.paths);
		if (finishedReset) {
			notices.push(finishedReset);
		}

		let session: Session | undefined;
		let migratedFrom: number | undefined;
		const text = readStoreFile(file, 'saved state');
		if (text !== undefined) {
			let raw: unknown;
			try {
				raw = JSON.parse(text);
			} catch {
				throw this.keepAside(text.length === 0 ? 'the file is empty' : 'not valid JSON (truncated or damaged)');
			}

			const migrated = migrateState(raw);
			if (migrated.kind === 'unsupported') {
				throw this.keepAside(migrated.problem);
			}

			const checked = checkSessionFile(migrated.state);
			if (!checked.ok) {
				throw this.keepAside(checked.problem);
			}

			session = checked.session;
			migratedFrom = migrated.kind === 'migrated' ? migrated.from : undefined;
		}

		const journal = readJournal(this.paths.journal);
		// Version 0 did not count journal entries: there is nothing to hold the journal to.
		const verdict = vouch(migratedFrom === 0 ? undefined : session, journal);
		if (!verdict.ok) {
			throw new JournalMismatchError(this.options.name, verdict.problem, rebuildableEntries(journal));
		}

		// Only now, with state and journal agreeing, is anything written.
		if (session && migratedFrom !== undefined) {
			const backup = `${file}.v${migratedFrom}.bak`;
			copyFileSync(file, backup);
			this.save(session);
			notices.push(`the saved state was migrated from schema version ${migratedFrom}; the original is kept as ${backup}`);
		}

		if (journal.truncatedTail && repairJournalTail(this.paths.journal) === 'removed-partial-line') {
			notices.push('the journal ended in a line cut short by an interrupted write; that line (never reported done) was removed');
		}

		const last = journal.entries.at(-1);
		if (session && migratedFrom === 0 && last) {
			// Everything journalled is already in a version 0 state.
			session = {...session, journalSeq: last.seq, journalHash: last.hash};
			this.save(session);
		}

		this.savedSeq = session?.journalSeq ?? 0;
		// A training session stays marked in every entry, whoever reopens it (the TUI, a CLI command).
		this.journal = new JournalWriter(this.paths.journal, last && {seq: last.seq, hash: last.hash}, this.options.training || Boolean(session?.training));
		const pendingEntries = session ? journal.entries.filter(entry => entry.seq > session.journalSeq) : journal.entries;
		return {session, pendingEntries, notices};
	}

	/** Writes the whole session durably (temporary file, every byte, fsync, size check, rename, directory fsync). */
	save(session: Session): void {
		if (session.journalSeq < this.savedSeq) {
			// journalSeq never goes backwards: that would describe entries as not yet included.
			throw new StateError(`refusing to save session "${this.options.name}" with journal sequence ${session.journalSeq} behind the saved ${this.savedSeq}; the saved state is unchanged`);
		}

		try {
			writeFileDurably(this.paths.state, JSON.stringify(session));
			this.savedSeq = session.journalSeq;
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			throw new StateError(`could not save the session to ${this.paths.state} (${code ?? (error as Error).message}); the previous state is intact`);
		}
	}

	/** Journals the action, then saves the resulting state. Returns the state with its journal sequence. */
	record(action: Action, next: Session): Session {
		if (!this.journal) {
			throw new StateError('the session store must be loaded before recording');
		}

		let entry: JournalEntry;
		try {
			entry = this.journal.append(action);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			throw new StateError(`could not append to the journal ${this.paths.journal} (${code ?? (error as Error).message}); nothing was recorded`);
		}

		const saved = {...next, journalSeq: entry.seq, journalHash: entry.hash};
		try {
			this.save(saved);
		} catch (error) {
			try {
				this.journal.rollback();
			} catch {
				// The disk refuses even the truncate: on the next open the journal replays this entry.
			}

			throw error;
		}

		return saved;
	}

	get journalSeq(): number {
		return this.journal?.lastSeq ?? 0;
	}

	close(): void {
		this.journal?.close();
		this.release();
	}

	private keepAside(problem: string): CorruptStateError {
		const stamp = new Date().toISOString().replaceAll(':', '-');
		const keptAt = `${this.paths.state}.corrupt-${stamp}`;
		try {
			// The journal goes aside with it: a new session must not continue the old chain, and the
			// kept journal still holds every action of the damaged state.
			if (existsSync(this.paths.journal)) {
				renameSync(this.paths.journal, `${this.paths.journal}.corrupt-${stamp}`);
			}

			// Requests sent to the damaged session belong with it, not with the next one.
			if (existsSync(this.paths.inbox)) {
				renameSync(this.paths.inbox, `${this.paths.inbox}.corrupt-${stamp}`);
			}

			renameSync(this.paths.state, keptAt);
		} catch (error) {
			this.close();
			return new CorruptStateError(this.paths.state, `${this.paths.state} (could not move it: ${(error as NodeJS.ErrnoException).code})`, problem);
		}

		this.close();
		return new CorruptStateError(this.paths.state, keptAt, problem);
	}
}

export type SessionSummary = {name: string; file: string; modifiedAt: Date; session?: Session; problem?: string};

/** The names of the sessions saved in a state directory (file names only, nothing read). */
function sessionNamesIn(stateDir: string): string[] {
	try {
		return readdirSync(stateDir).map(sessionNameOf).filter((name): name is string => name !== undefined);
	} catch {
		return [];
	}
}

/** Lists the sessions in a state directory without locking them (read-only). */
export function listSessions(stateDir: string): SessionSummary[] {
	if (!existsSync(stateDir)) {
		return [];
	}

	const summaries: SessionSummary[] = [];
	for (const fileName of readdirSync(stateDir)) {
		const name = sessionNameOf(fileName);
		if (!name) {
			continue;
		}

		const file = path.join(stateDir, fileName);
		const modifiedAt = statSync(file).mtime;
		try {
			const migrated = migrateState(JSON.parse(readFileSync(file, 'utf8')));
			const checked = migrated.kind === 'unsupported' ? {ok: false as const, problem: migrated.problem} : checkSessionFile(migrated.state);
			summaries.push(checked.ok ? {name, file, modifiedAt, session: checked.session} : {name, file, modifiedAt, problem: checked.problem});
		} catch {
			summaries.push({name, file, modifiedAt, problem: 'not valid JSON'});
		}
	}

	return summaries.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime());
}

/** How many journal entries a rebuild could use: the verified ones, when they start the session. */
export function rebuildableEntries(journal: JournalRead): number {
	return journal.entries[0]?.action.type === 'session.created' ? journal.entries.length : 0;
}
