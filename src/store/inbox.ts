import {closeSync, constants, fsyncSync, openSync, readFileSync} from 'node:fs';
import type {ActionInput} from '../engine/controller.js';
import {writeAll} from './durable-write.js';
import {StateError} from './errors.js';
import {describeOpenError, lstatOrUndefined, noFollow, requireRegularFile} from './store-files.js';

/*
The session's inbox: what another command sends to a session that a running process holds (the TUI
holds the lock for as long as it is open). Only the lock holder appends to the journal, so the hash
chain stays one chain; a sender appends one line here (fsync before it reports anything) and the
holder journals it: at once while it polls, or on the next open by anyone. The saved state records
how far the inbox was taken in (`inboxOffset`, moved by the journalled action itself), so a kill
between journal and state replays the same entry, never a second copy.
*/

/** What may arrive through the inbox: words that need no lock to be decided (notes, hints, escalations). */
export type InboxAction = Extract<ActionInput, {type: 'note.added' | 'hint.shown' | 'finding.escalated'}>;

/** One request: the action, and who sent it when (recorded as the entry's `by` and `at`). */
export type InboxRequest = {action: InboxAction; at: string; by: string};

/** A line read back: the request, or why it cannot be used; `end` is the byte offset after its line. */
export type InboxItem = {end: number} & ({request: InboxRequest} | {problem: string});

/** A line is a short note or a step id: anything longer was not written by us. */
const lineLimit = 16 * 1024;
/** An inbox that grew this large is not being taken in: refuse more rather than fill the disk. */
export const inboxLimit = 1024 * 1024;

function readBytes(file: string): Buffer | undefined {
	const stats = lstatOrUndefined(file);
	if (!stats) {
		return undefined;
	}

	requireRegularFile(file, 'session inbox', stats);
	let fd: number;
	try {
		fd = openSync(file, constants.O_RDONLY | noFollow);
	} catch (error) {
		throw describeOpenError(file, 'session inbox', error);
	}

	try {
		return readFileSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** Appends one request durably (one write, fsync). Throws StateError when it cannot, saying why. */
export function appendToInbox(file: string, request: InboxRequest): void {
	const line = Buffer.from(`${JSON.stringify(request)}\n`);
	if (line.length > lineLimit) {
		throw new StateError(`the request is too large for the session inbox (${line.length} bytes)`);
	}

	const stats = lstatOrUndefined(file);
	if (stats) {
		requireRegularFile(file, 'session inbox', stats);
		if (stats.size + line.length > inboxLimit) {
			throw new StateError(`the session inbox ${file} is full (${stats.size} bytes not yet taken in); close the open session so that the next open takes them in`);
		}
	}

	let fd: number;
	try {
		fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | noFollow, 0o600);
	} catch (error) {
		throw describeOpenError(file, 'session inbox', error);
	}

	try {
		writeAll(fd, line);
		fsyncSync(fd);
	} catch (error) {
		throw new StateError(`could not write to the session inbox ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was sent`);
	} finally {
		closeSync(fd);
	}
}

const inboxTypes = new Set(['note.added', 'hint.shown', 'finding.escalated']);

/** The request on one line, or why it is not one. Everything in the file is untrusted. */
function parseRequest(line: string): InboxRequest | string {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return 'not valid JSON';
	}

	const candidate = value as Partial<InboxRequest> | null;
	const action = candidate?.action as Record<string, unknown> | undefined;
	if (typeof candidate?.at !== 'string' || typeof candidate.by !== 'string' || typeof action !== 'object' || action === null || !inboxTypes.has(String(action.type))) {
		return 'not an inbox request';
	}

	const strings = (...names: string[]) => names.every(name => typeof action[name] === 'string');
	const shaped = action.type === 'note.added'
		? strings('text') && (action.stepId === undefined || strings('stepId'))
		: action.type === 'hint.shown'
			? strings('stepId') && Number.isInteger(action.hint)
			: strings('stepId', 'owner', 'note');
	return shaped ? {action: action as InboxAction, at: candidate.at, by: candidate.by} : `a ${String(action.type)} request with missing or wrong fields`;
}

/**
The complete lines after `offset` (a line still being written, without its newline, waits). When the
file is shorter than the offset it was replaced (a reset): it is read from the start.
*/
export function readInbox(file: string, offset: number): InboxItem[] {
	const bytes = readBytes(file);
	if (!bytes || bytes.length === offset) {
		return [];
	}

	const items: InboxItem[] = [];
	let start = bytes.length < offset ? 0 : offset;
	for (let newline = bytes.indexOf(10, start); newline !== -1; newline = bytes.indexOf(10, start)) {
		const end = newline + 1;
		const line = bytes.subarray(start, newline);
		const parsed = line.length > lineLimit ? 'too long' : parseRequest(line.toString('utf8'));
		items.push(typeof parsed === 'string' ? {end, problem: parsed} : {end, request: parsed});
		start = end;
	}

	return items;
}
