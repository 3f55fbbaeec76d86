import {createHash} from 'node:crypto';
import {appendFileSync, closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, truncateSync, writeSync} from 'node:fs';
import type {Action} from '../engine/actions.js';
import {canonicalJson} from '../runbook/load-runbook.js';

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
	if (!existsSync(file)) {
		return {entries: [], truncatedTail: false};
	}

	const text = readFileSync(file, 'utf8');
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
*/
export function repairJournalTail(file: string): 'clean' | 'removed-partial-line' | 'added-newline' {
	if (!existsSync(file)) {
		return 'clean';
	}

	const text = readFileSync(file, 'utf8');
	if (text.length === 0 || text.endsWith('\n')) {
		return 'clean';
	}

	const cut = text.lastIndexOf('\n') + 1;
	try {
		JSON.parse(text.slice(cut));
		appendFileSync(file, '\n');
		return 'added-newline';
	} catch {
		truncateSync(file, Buffer.byteLength(text.slice(0, cut)));
		return 'removed-partial-line';
	}
}

/** Appends entries durably: one write, then fsync, before the caller reports anything done. */
export class JournalWriter {
	private fd: number | undefined;
	private prev: string;
	private seq: number;
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
		this.fd ??= openSync(this.file, 'a', 0o600);
		this.undo = {size: fstatSync(this.fd).size, seq: this.seq, prev: this.prev};
		const body: Omit<JournalEntry, 'hash'> = {seq: this.seq + 1, action, ...(this.training ? {training: true} : {}), prev: this.prev};
		const entry: JournalEntry = {...body, hash: entryHash(body)};
		const line = Buffer.from(`${JSON.stringify(entry)}\n`);
		try {
			const written = writeSync(this.fd, line);
			if (written !== line.length) {
				throw Object.assign(new Error(`short write: ${written} of ${line.length} bytes`), {code: 'ENOSPC'});
			}

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
