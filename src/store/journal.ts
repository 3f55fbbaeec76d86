import {createHash} from 'node:crypto';
import {closeSync, fstatSync, fsyncSync, ftruncateSync} from 'node:fs';
import type {Action} from '../engine/actions.js';
import {canonicalJson} from '../runbook/canonical-json.js';
import {writeAll} from './durable-write.js';
import {openStoreFileForWrite, readStoreFile} from './store-files.js';

/** One journal line. `hash` chains it to the previous entry so edits, deletions and reordering show. */
export type JournalEntry = {
	seq: number;
	action: Action;
	/** Marks training sessions in the evidence itself. */
	training?: boolean;
	prev: string;
	hash: string;
};

export const genesisHash = '0'.repeat(64);

/** The hash of an entry: SHA-256 over the previous hash and the canonical entry body. */
export function entryHash(entry: Omit<JournalEntry, 'hash'>): string {
	return createHash('sha256').update(entry.prev).update('\n').update(canonicalJson({seq: entry.seq, action: entry.action, training: entry.training})).digest('hex');
}

export type JournalRead = {
	entries: JournalEntry[];
	/** First problem found: line number (1-based) and what is wrong. */
	problem?: {line: number; message: string};
	/** A last line cut short by a kill mid-write: not an entry, not tampering. */
	truncatedTail: boolean;
};

/** Reads and verifies a journal. Stops at the first bad line and says which. */
export function readJournal(file: string): JournalRead {
	const text = readStoreFile(file, 'journal');
	if (text === undefined) {
		return {entries: [], truncatedTail: false};
	}

	const lines = text.split('\n');
	const endsClean = text.endsWith('\n') || text.length === 0;
	if (endsClean) {
		lines.pop();
	}

	const entries: JournalEntry[] = [];
	let prev = genesisHash;
	for (const [index, line] of lines.entries()) {
		const isLast = index === lines.length - 1;
		let entry: JournalEntry;
		try {
			entry = JSON.parse(line) as JournalEntry;
		} catch {
			if (isLast && !endsClean) {
				return {entries, truncatedTail: true};
			}

			return {entries, truncatedTail: false, problem: {line: index + 1, message: 'not valid JSON'}};
		}

		if (entry.seq !== entries.length + 1) {
			return {entries, truncatedTail: false, problem: {line: index + 1, message: `sequence ${entry.seq} where ${entries.length + 1} was expected (an entry was deleted or moved)`}};
		}

		if (entry.prev !== prev) {
			return {entries, truncatedTail: false, problem: {line: index + 1, message: 'does not chain to the previous entry (an entry was deleted, moved or edited)'}};
		}

		if (entryHash(entry) !== entry.hash) {
			return {entries, truncatedTail: false, problem: {line: index + 1, message: 'content does not match its hash (the entry was edited)'}};
		}

		entries.push(entry);
		prev = entry.hash;
	}

	return {entries, truncatedTail: false};
}

/**
Makes a journal safe to append to after a kill mid-write: a cut-off last line (never reported done)
is removed; a complete last line missing only its newline gets one. Returns what was done.
Call it only once the state has vouched for the journal: a cut that removed reported entries is
not an interrupted write, and the caller must refuse it instead.
*/
export function repairJournalTail(file: string): 'clean' | 'removed-partial-line' | 'added-newline' {
	const text = readStoreFile(file, 'journal');
	if (text === undefined || text.length === 0 || text.endsWith('\n')) {
		return 'clean';
	}

	const cut = text.lastIndexOf('\n') + 1;
	const fd = openStoreFileForWrite(file, 'journal');
	try {
		try {
			JSON.parse(text.slice(cut));
			writeAll(fd, Buffer.from('\n'), Buffer.byteLength(text));
			fsyncSync(fd);
			return 'added-newline';
		} catch (error) {
			if (!(error instanceof SyntaxError)) {
				throw error;
			}
		}

		ftruncateSync(fd, Buffer.byteLength(text.slice(0, cut)));
		fsyncSync(fd);
		return 'removed-partial-line';
	} finally {
		closeSync(fd);
	}
}

/**
Appends entries durably: one write, then fsync, before the caller reports anything done.
The file is opened read-write (not O_APPEND) and written at its end by position: Windows cannot
truncate through an append handle, and the rollback below truncates.
*/
export class JournalWriter {
	private fd: number | undefined;
	private prev: string;
	private seq: number;
	/** Where the next entry goes: the file's size, tracked by us. */
	private end = 0;
	private undo: {size: number; seq: number; prev: string} | undefined;

	constructor(
		private readonly file: string,
		last: {seq: number; hash: string} | undefined,
		private readonly training = false,
	) {
		this.prev = last?.hash ?? genesisHash;
		this.seq = last?.seq ?? 0;
	}

	get lastSeq(): number {
		return this.seq;
	}

	append(action: Action): JournalEntry {
		if (this.fd === undefined) {
			this.fd = openStoreFileForWrite(this.file, 'journal');
			this.end = fstatSync(this.fd).size;
		}

		this.undo = {size: this.end, seq: this.seq, prev: this.prev};
		const body: Omit<JournalEntry, 'hash'> = {seq: this.seq + 1, action, ...(this.training ? {training: true} : {}), prev: this.prev};
		const entry: JournalEntry = {...body, hash: entryHash(body)};
		const line = Buffer.from(`${JSON.stringify(entry)}\n`);
		try {
			writeAll(this.fd, line, this.end);
			fsyncSync(this.fd);
		} catch (error) {
			// Leave no half line and no unsynced entry behind: the chain must stay whole for the next append.
			try {
				ftruncateSync(this.fd, this.undo.size);
			} catch {
				// The next open repairs a cut-off last line.
			}

			this.undo = undefined;
			throw error;
		}

		this.end += line.length;
		this.seq = entry.seq;
		this.prev = entry.hash;
		return entry;
	}

	/**
	Takes back the last append when the state write after it failed, so the journal never holds
	an action the operator was told did not happen.
	*/
	rollback(): void {
		if (this.fd === undefined || !this.undo) {
			return;
		}

		ftruncateSync(this.fd, this.undo.size);
		fsyncSync(this.fd);
		this.end = this.undo.size;
		this.seq = this.undo.seq;
		this.prev = this.undo.prev;
		this.undo = undefined;
	}

	close(): void {
		if (this.fd !== undefined) {
			closeSync(this.fd);
			this.fd = undefined;
		}
	}
}
