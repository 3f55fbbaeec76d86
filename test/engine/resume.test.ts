import {readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CheckResult} from '../../src/checks/types.js';
import {runSteps} from '../../src/engine/run-steps.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {miniRunbook, tempDir} from '../helpers/paths.js';

const options = {signal: new AbortController().signal, timeoutMs: 1000, concurrency: 4, extraCaPem: [], yes: true};

function passed(host = os.hostname()): CheckResult {
	return {checkId: 'tcp.connect', status: 'pass', summary: 'ok', evidence: [], startedAt: new Date().toISOString(), durationMs: 1, vantage: {host, localAddresses: ['127.0.0.1']}};
}

function open(stateDir: string, runbookFile = miniRunbook, now?: () => Date) {
	return openSession({loaded: loadRunbook(runbookFile), stateDir, name: 'site-a', operator: 'bob', ...(now ? {now} : {})})!;
}

describe('resume', () => {
	it('reopens at the same position with completed steps still complete', async () => {
		const stateDir = tempDir();
		const first = open(stateDir);
		first.controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['127.0.0.1']});
		first.controller.dispatch({type: 'input.set', name: 'service_port', value: '443'});
		await runSteps(first.controller, {}, options);
		const position = first.controller.session.position;
		const steps = first.controller.session.steps;
		first.store.close();

		const second = open(stateDir);
		expect(second.findings.resumed).toBe(true);
		expect(second.controller.session.position).toEqual(position);
		expect(position).toEqual({phaseId: 'checks', stepId: 'port-open'});
		for (const [stepId, record] of Object.entries(steps)) {
			expect(second.controller.session.steps[stepId]?.state).toBe(record.state);
		}

		second.store.close();
	});

	it('marks results stale when they expired or came from another vantage', () => {
		const stateDir = tempDir();
		const first = open(stateDir);
		first.controller.dispatch({type: 'check.finished', stepId: 'port-open', result: passed(), ttlSeconds: 3600, usedInputs: []});
		first.controller.dispatch({type: 'check.finished', stepId: 'optional-check', result: passed('other-host'), ttlSeconds: 86_400, usedInputs: []});
		first.store.close();

		const later = () => new Date(Date.now() + (2 * 3600 * 1000));
		const second = open(stateDir, miniRunbook, later);
		const stale = Object.fromEntries(second.findings.stale.map(finding => [finding.stepId, finding.reason]));
		expect(stale['port-open']).toMatch(/^result expired: measured 2 h ago, valid for 1 h$/);
		expect(stale['optional-check']).toBe(`result was measured on other-host, this is ${os.hostname()}`);
		expect(second.controller.session.steps['port-open']?.stale).toBeDefined();
		second.store.close();
	});

	it('lists changed steps when the runbook changed and marks their results stale', () => {
		const stateDir = tempDir();
		const copy = path.join(tempDir(), 'mini.yaml');
		writeFileSync(copy, readFileSync(miniRunbook, 'utf8'));
		const first = open(stateDir, copy);
		first.controller.dispatch({type: 'check.finished', stepId: 'port-open', result: passed(), ttlSeconds: 3600, usedInputs: []});
		first.controller.dispatch({type: 'check.finished', stepId: 'optional-check', result: passed(), ttlSeconds: 3600, usedInputs: []});
		first.store.close();

		writeFileSync(copy, readFileSync(copy, 'utf8').replace('params: {host: 127.0.0.1, port: 1, timeoutMs: 1000}', 'params: {host: 127.0.0.1, port: 2, timeoutMs: 1000}'));
		const second = open(stateDir, copy);
		expect(second.findings.runbookChanges).toEqual({changed: ['port-open'], added: [], removed: []});
		expect(second.controller.session.steps['port-open']?.stale?.reason).toBe('the step changed in the runbook since it ran');
		expect(second.controller.session.steps['optional-check']?.stale).toBeUndefined();
		second.store.close();

		// Accepted once: the next resume reports no change.
		const third = open(stateDir, copy);
		expect(third.findings.runbookChanges).toBeUndefined();
		third.store.close();
	});
});

describe('sealed phases', () => {
	it('keep stale results as evidence without locking the phases after them', async () => {
		const stateDir = tempDir();
		const first = open(stateDir);
		first.controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['127.0.0.1']});
		first.controller.dispatch({type: 'input.set', name: 'service_port', value: '443'});
		await runSteps(first.controller, {}, options);
		first.controller.dispatch({type: 'step.overridden', stepId: 'port-open', reason: 'no service here'});
		first.controller.dispatch({type: 'step.confirmed', stepId: 'backed-up'});
		// Work starts in the last phase: the checks phase is now sealed.
		first.controller.dispatch({type: 'step.acknowledged', stepId: 'finish'});
		first.store.close();

		const weekLater = () => new Date(Date.now() + (7 * 86_400 * 1000));
		const second = open(stateDir, miniRunbook, weekLater);
		expect(second.findings.stale).toEqual([]);
		const {phaseGate} = await import('../../src/engine/gating.js');
		expect(phaseGate(second.controller.loaded.runbook, second.controller.session, 2).open).toBe(true);
		// An unfreeze still marks the results stale (visible in reports), but no longer relocks.
		second.controller.dispatch({type: 'input.unfreeze', name: 'dns_forwarders', reason: 'customer moved DNS'});
		expect(second.controller.session.steps['echo-dns']?.stale).toBeDefined();
		expect(phaseGate(second.controller.loaded.runbook, second.controller.session, 2).open).toBe(true);
		second.store.close();
	});

	it('do not seal on inputs entered early', () => {
		const stateDir = tempDir();
		const first = open(stateDir);
		first.controller.dispatch({type: 'check.finished', stepId: 'port-open', result: passed(), ttlSeconds: 60, usedInputs: []});
		first.store.close();
		const later = () => new Date(Date.now() + (3600 * 1000));
		const second = open(stateDir, miniRunbook, later);
		expect(second.findings.stale.map(finding => finding.stepId)).toEqual(['port-open']);
		second.store.close();
	});
});

describe('a step left running by a killed process', () => {
	it('is cancelled on open, back to its earlier state, and listed', () => {
		const stateDir = tempDir();
		const first = open(stateDir);
		first.controller.dispatch({type: 'check.finished', stepId: 'port-open', result: passed(), ttlSeconds: 3600, usedInputs: []});
		first.controller.dispatch({type: 'step.started', stepId: 'port-open'});
		first.controller.dispatch({type: 'step.started', stepId: 'optional-check'});
		// The process dies here: no result ever arrives.
		first.store.close();

		const second = open(stateDir);
		expect(second.findings.interrupted.sort()).toEqual(['optional-check', 'port-open']);
		expect(second.controller.session.steps['port-open']?.state).toBe('passed');
		expect(second.controller.session.steps['optional-check']?.state).toBe('pending');
		second.store.close();
	});
});

describe('resume edge cases found in review', () => {
	it('an interrupted re-run of an overridden step keeps the override', () => {
		const stateDir = tempDir();
		const first = open(stateDir);
		first.controller.dispatch({type: 'check.finished', stepId: 'port-open', result: {...passed(), status: 'fail'}, ttlSeconds: 3600, usedInputs: []});
		first.controller.dispatch({type: 'step.overridden', stepId: 'port-open', reason: 'no service in this lab'});
		first.controller.dispatch({type: 'step.started', stepId: 'port-open'});
		first.store.close();

		const second = open(stateDir);
		expect(second.findings.interrupted).toEqual(['port-open']);
		expect(second.controller.session.steps['port-open']?.state).toBe('overridden');
		second.store.close();
	});

	it('a journal entry the current runbook refuses is skipped with a notice, and the session still opens', async () => {
		const stateDir = tempDir();
		const copy = path.join(tempDir(), 'mini.yaml');
		writeFileSync(copy, readFileSync(miniRunbook, 'utf8'));
		const first = open(stateDir, copy);
		first.controller.dispatch({type: 'step.acknowledged', stepId: 'read-me'});
		first.store.close();
		// A kill between the journal append and the state write leaves the state one entry behind.
		const {sessionPaths} = await import('../../src/store/session-paths.js');
		const file = sessionPaths(stateDir, 'site-a').state;
		const state = JSON.parse(readFileSync(file, 'utf8')) as {journalSeq: number; steps: Record<string, unknown>};
		delete state.steps['read-me'];
		const {readJournal} = await import('../../src/store/journal.js');
		const previous = readJournal(sessionPaths(stateDir, 'site-a').journal).entries[state.journalSeq - 2]!;
		writeFileSync(file, JSON.stringify({...state, journalSeq: previous.seq, journalHash: previous.hash}));
		writeFileSync(copy, readFileSync(copy, 'utf8').replaceAll('id: read-me', 'id: read-this'));

		const second = open(stateDir, copy);
		expect(second.findings.notices.join('\n')).toMatch(/journal entry \d+ \(step\.acknowledged\) could not be replayed against the current runbook and was skipped: unknown step "read-me"/);
		second.store.close();
	});
});
