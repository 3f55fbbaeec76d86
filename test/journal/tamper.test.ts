import {appendFileSync, readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {verifyJournal} from '../../src/journal/verify.js';
import {entryHash, type JournalEntry} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {tempDir} from '../helpers/paths.js';
import {driveFullSession, openDriven} from './drive-session.js';

/** A session on disk with a verified journal, and helpers to tamper with its lines. */
async function recorded() {
	const stateDir = tempDir();
	const {loaded} = await driveFullSession({stateDir});
	const paths = sessionPaths(stateDir, 'site-a');
	const lines = () => readFileSync(paths.journal, 'utf8').split('\n').filter(Boolean);
	const write = (next: string[]) => writeFileSync(paths.journal, `${next.join('\n')}\n`);
	const verify = () => verifyJournal(stateDir, 'site-a', loaded.runbook);
	/** The 1-based line of the first entry of a type. */
	const lineOf = (type: string) => lines().findIndex(line => (JSON.parse(line) as JournalEntry).action.type === type) + 1;
	return {stateDir, loaded, paths, lines, write, verify, lineOf};
}

describe('journal verify', () => {
	it('accepts the journal as written', async () => {
		const {verify, lines} = await recorded();
		const verdict = verify();
		expect(verdict).toEqual({ok: true, entries: lines().length, notes: [], stateAgrees: true});
	});

	it('names the line of an edited entry', async () => {
		const {lines, write, verify, lineOf} = await recorded();
		const line = lineOf('input.set');
		const edited = lines();
		edited[line - 1] = edited[line - 1]!.replace('10.0.1.53', '10.9.9.9');
		write(edited);
		expect(verify()).toMatchObject({ok: false, entries: line - 1, problem: {line, message: 'content does not match its hash (the entry was edited)'}});
	});

	it('names the next line when an edited entry was given a fresh hash', async () => {
		const {lines, write, verify, lineOf} = await recorded();
		const line = lineOf('step.overridden');
		const edited = lines();
		const entry = JSON.parse(edited[line - 1]!) as JournalEntry;
		if (entry.action.type === 'step.overridden') {
			entry.action.reason = 'nobody asked';
		}

		edited[line - 1] = JSON.stringify({...entry, hash: entryHash(entry)});
		write(edited);
		expect(verify()).toMatchObject({ok: false, problem: {line: line + 1, message: 'does not chain to the previous entry (an entry was deleted, moved or edited)'}});
	});

	it('names the line where an entry was deleted', async () => {
		const {lines, write, verify, lineOf} = await recorded();
		const line = lineOf('step.confirmed');
		write(lines().filter((_, index) => index !== line - 1));
		expect(verify()).toMatchObject({ok: false, problem: {line, message: `sequence ${line + 1} where ${line} was expected (an entry was deleted or moved)`}});
	});

	it('names the first line of two entries swapped', async () => {
		const {lines, write, verify, lineOf} = await recorded();
		const line = lineOf('check.finished');
		const swapped = lines();
		[swapped[line - 1], swapped[line]] = [swapped[line]!, swapped[line - 1]!];
		write(swapped);
		expect(verify()).toMatchObject({ok: false, problem: {line, message: expect.stringMatching(/^sequence \d+ where \d+ was expected/)}});
	});

	it('sees entries cut from the end, which the chain alone cannot show, against the saved state', async () => {
		const {lines, write, verify} = await recorded();
		const all = lines();
		write(all.slice(0, -2));
		expect(verify()).toMatchObject({
			ok: false,
			problem: {line: all.length - 1, message: `the journal ends after entry ${all.length - 2} but the saved state includes ${all.length}: 2 entries were removed from the end`},
		});
	});

	it('sees a saved state that was edited behind the journal', async () => {
		const {paths, verify} = await recorded();
		const state = JSON.parse(readFileSync(paths.state, 'utf8')) as {steps: Record<string, {state: string}>};
		state.steps['optional-check']!.state = 'passed';
		writeFileSync(paths.state, JSON.stringify(state));
		expect(verify()).toMatchObject({
			ok: false,
			problem: {message: 'the saved state disagrees with the journal at steps.optional-check.state: the state has "passed", replaying the journal gives "failed" (the state file was edited, or the journal was rewritten)'},
		});
	});

	it('treats a last line cut short by a kill as an interrupted write, not tampering; the next open removes it', async () => {
		const {stateDir, paths, verify, lines} = await recorded();
		const count = lines().length;
		// A kill mid-append: half a line, no newline. It was never reported done.
		appendFileSync(paths.journal, '{"seq":99,"action":{"type":"step.start');
		const cut = verify();
		expect(cut.ok).toBe(true);
		expect(cut.entries).toBe(count);
		expect(cut.notes.join('\n')).toMatch(/cut short by an interrupted write/);

		const {opened} = openDriven({stateDir});
		expect(opened.findings.notices.join('\n')).toMatch(/cut short by an interrupted write; that line \(never reported done\) was removed/);
		opened.controller.dispatch({type: 'step.acknowledged', stepId: 'finish'});
		opened.store.close();
		expect(verify()).toEqual({ok: true, entries: count + 1, notes: [], stateAgrees: true});
	});

	it('notes entries ahead of the state (a kill between journal and state write) without failing', async () => {
		const {stateDir, paths, verify} = await recorded();
		const before = readFileSync(paths.state, 'utf8');
		const {opened} = openDriven({stateDir});
		opened.controller.dispatch({type: 'step.acknowledged', stepId: 'finish'});
		opened.store.close();
		writeFileSync(paths.state, before);
		const verdict = verify();
		expect(verdict.ok).toBe(true);
		expect(verdict.notes).toEqual(['1 entry is newer than the saved state (a stop between journal and state write); the next open replays it']);
	});
});
