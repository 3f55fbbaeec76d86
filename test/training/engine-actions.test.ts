import {describe, expect, it} from 'vitest';
import {EngineRefusal} from '../../src/engine/actions.js';
import {SessionController} from '../../src/engine/controller.js';
import {newSession} from '../../src/engine/new-session.js';
import {describeAction} from '../../src/journal/show.js';
import {rebuildSession} from '../../src/journal/rebuild.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {fakeClock} from '../helpers/memory-session.js';
import {miniRunbook, tempDir} from '../helpers/paths.js';

const loaded = loadRunbook(miniRunbook);

function controllerFor(training?: {scenario: string; trainee: string}) {
	const clock = fakeClock();
	const session = newSession({name: 't', runbook: loaded.runbook, runbookHash: loaded.hash, stepHashes: loaded.stepHashes, at: clock.now().toISOString(), ...(training ? {training} : {})});
	return new SessionController(loaded, session, {record: (_action, next) => next}, 'bob', clock.now);
}

describe('hint.shown and finding.escalated', () => {
	it('count hints per step in order and keep the last escalation per step', () => {
		const controller = controllerFor({scenario: 'dns-refused', trainee: 'bob'});
		controller.dispatch({type: 'hint.shown', stepId: 'port-open', hint: 1});
		controller.dispatch({type: 'hint.shown', stepId: 'port-open', hint: 2});
		controller.dispatch({type: 'hint.shown', stepId: 'read-me', hint: 1});
		expect(controller.session.training?.hints).toEqual({'port-open': 2, 'read-me': 1});
		expect(() => controller.dispatch({type: 'hint.shown', stepId: 'port-open', hint: 2})).toThrow(/not the next one \(2 shown so far\)/);
		expect(() => controller.dispatch({type: 'hint.shown', stepId: 'no-such-step', hint: 1})).toThrow(EngineRefusal);

		controller.dispatch({type: 'finding.escalated', stepId: 'port-open', owner: 'dns-team', note: 'ticket 1'});
		controller.dispatch({type: 'finding.escalated', stepId: 'port-open', owner: 'firewall-team', note: 'ticket 2'});
		expect(controller.session.training?.escalations?.['port-open']).toMatchObject({owner: 'firewall-team', note: 'ticket 2', by: 'bob'});
		expect(controller.session.training).toMatchObject({scenario: 'dns-refused', trainee: 'bob'});
	});

	it('are refused in a real session', () => {
		const controller = controllerFor();
		expect(() => controller.dispatch({type: 'hint.shown', stepId: 'port-open', hint: 1})).toThrow(/only in training sessions/);
		expect(() => controller.dispatch({type: 'finding.escalated', stepId: 'port-open', owner: 'dns-team', note: ''})).toThrow(/only in training sessions/);
	});

	it('are journalled (marked training), described in the journal view and rebuilt from it', () => {
		const stateDir = tempDir();
		const opened = openSession({loaded, stateDir, name: 'drill', operator: 'bob', training: {scenario: 'x', trainee: 'bob'}})!;
		opened.controller.dispatch({type: 'hint.shown', stepId: 'port-open', hint: 1});
		opened.controller.dispatch({type: 'finding.escalated', stepId: 'port-open', owner: 'firewall-team', note: 'sent the blocked flow'});
		const saved = opened.controller.session;
		opened.store.close();
		const {entries} = readJournal(sessionPaths(stateDir, 'drill').journal);
		expect(entries.every(entry => entry.training === true)).toBe(true);
		expect(entries.slice(-2).map(entry => describeAction(entry.action))).toEqual([
			'asked for hint 1 of port-open',
			'escalated port-open to firewall-team: sent the blocked flow',
		]);
		expect(rebuildSession(loaded.runbook, entries).training).toEqual(saved.training);
	});
});

describe('the journal of a reopened training session', () => {
	it('marks every entry training, even when the opener did not say so', () => {
		const stateDir = tempDir();
		openSession({loaded, stateDir, name: 'drill', operator: 'bob', training: {scenario: 'x', trainee: 'bob'}})!.store.close();
		const reopened = openSession({loaded, stateDir, name: 'drill', operator: 'bob'})!;
		reopened.controller.dispatch({type: 'step.acknowledged', stepId: 'read-me'});
		reopened.store.close();
		const {entries} = readJournal(sessionPaths(stateDir, 'drill').journal);
		expect(entries.length).toBeGreaterThan(1);
		expect(entries.map(entry => entry.training)).toEqual(entries.map(() => true));
	});
});
