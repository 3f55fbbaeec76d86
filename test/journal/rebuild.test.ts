import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {asSaved} from '../../src/journal/compare.js';
import {readSessionReadOnly, readStateFile} from '../../src/journal/read-session.js';
import {RebuildError, rebuildSession} from '../../src/journal/rebuild.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {miniRunbook, tempDir} from '../helpers/paths.js';
import {driveFullSession, openDriven} from './drive-session.js';

describe('the state rebuilt from the journal', () => {
	it('equals the saved state after a session with inputs, checks, a command, an override, a confirmation and an unfreeze', async () => {
		const stateDir = tempDir();
		const {loaded} = await driveFullSession({stateDir});
		const paths = sessionPaths(stateDir, 'site-a');
		const saved = readStateFile(paths.state)!;
		const journal = readJournal(paths.journal);
		expect(journal.problem).toBeUndefined();
		const types = new Set(journal.entries.map(entry => entry.action.type));
		for (const type of ['session.created', 'input.set', 'check.finished', 'command.finished', 'step.overridden', 'step.confirmed', 'step.acknowledged', 'input.unfreeze', 'position.moved']) {
			expect(types, type).toContain(type);
		}

		// The drive really exercised staleness, freezing and the failure streaks.
		expect(saved.inputs.dns_forwarders?.unfrozen).toBeUndefined();
		expect(saved.steps['port-open']?.state).toBe('overridden');
		expect(saved.steps['optional-check']?.failingSince).toBeDefined();

		const rebuilt = rebuildSession(loaded.runbook, journal.entries);
		expect(asSaved(rebuilt)).toEqual(saved);
		expect(rebuilt.journalSeq).toBe(journal.entries.length);
	});

	it('rebuilds up to a given sequence number', async () => {
		const stateDir = tempDir();
		const {loaded} = await driveFullSession({stateDir});
		const journal = readJournal(sessionPaths(stateDir, 'site-a').journal);
		const early = rebuildSession(loaded.runbook, journal.entries, {upToSeq: 1});
		expect(early.steps).toEqual({});
		expect(early.journalSeq).toBe(1);
	});

	it('refuses a journal that does not start with session.created, or one the runbook cannot replay', async () => {
		const stateDir = tempDir();
		const {loaded} = await driveFullSession({stateDir});
		const journal = readJournal(sessionPaths(stateDir, 'site-a').journal);
		expect(() => rebuildSession(loaded.runbook, journal.entries.slice(1))).toThrow(RebuildError);
		const withoutStep = {...loaded.runbook, phases: loaded.runbook.phases.map(phase => ({...phase, steps: phase.steps.filter(step => step.id !== 'backed-up')}))};
		expect(() => rebuildSession(withoutStep, journal.entries)).toThrow(/cannot be replayed with this runbook: unknown step "backed-up"/);
	});

	it('replays a transition the state missed (a kill between journal append and state write) when the session opens', async () => {
		const stateDir = tempDir();
		const {opened} = openDriven({stateDir});
		opened.controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['10.0.0.53']});
		const paths = sessionPaths(stateDir, 'site-a');
		const before = readFileSync(paths.state, 'utf8');
		// The last transition reaches the journal; its state write is lost, as if killed in between.
		const expected = opened.controller.dispatch({type: 'input.set', name: 'service_port', value: '443'});
		opened.store.close();
		writeFileSync(paths.state, before);
		expect(readStateFile(paths.state)!.journalSeq).toBe(expected.journalSeq - 1);

		const loaded = loadRunbook(miniRunbook);
		// Read-only readers (reports, the journal view) see the replayed state without writing it.
		const readOnly = readSessionReadOnly(stateDir, 'site-a', loaded.runbook)!;
		expect(readOnly.pending).toBe(1);
		expect(asSaved(readOnly.session)).toEqual(asSaved(expected));
		expect(readFileSync(paths.state, 'utf8')).toBe(before);

		const reopened = openSession({loaded, stateDir, name: 'site-a', operator: 'bob', now: () => new Date('2026-01-05T08:00:00.000Z')})!;
		expect(reopened.findings.replayed).toBe(1);
		expect(asSaved(reopened.controller.session)).toEqual(asSaved(expected));
		reopened.store.close();
		expect(readStateFile(paths.state)!.inputs.service_port?.value).toBe('443');
	});
});
