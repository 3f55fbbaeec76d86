import {describe, expect, it} from 'vitest';
import {locateStep} from '../../src/engine/runbook-index.js';
import {runCheckStep} from '../../src/engine/run-check-step.js';
import {defaultRunOptions} from '../../src/engine/run-options.js';
import type {CheckStep} from '../../src/runbook/schema.js';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {renderSummary} from '../../src/training/render-summary.js';
import {sessionProbes} from '../../src/training/session-probes.js';
import {startTraining} from '../../src/training/start-training.js';
import {traineeSummary} from '../../src/training/summary.js';
import {readTrainingState, withCleared, writeTrainingState} from '../../src/training/training-state.js';
import {fakeClock} from '../helpers/memory-session.js';
import {embeddedRunbook, shipped, stateDirs} from './helpers.js';

const loaded = embeddedRunbook();

describe('the instructor\'s summary of a trainee', () => {
	it('tells fixed, escalated to the wrong team, overridden where a fix was expected, missed and unseen faults apart; counts hints; times phases', async () => {
		const {trainingDir} = stateDirs();
		const clock = fakeClock('2026-03-02T09:00:00.000Z');
		const session = 'ann-drill';
		const {opened} = startTraining({loaded, trainingDir, scenario: shipped('dns-tcp-blocked'), trainee: 'ann', session, operator: 'instructor', now: clock.now});
		const {controller} = opened;
		const options = {...defaultRunOptions(), probesFor: sessionProbes(trainingDir, {timeScale: 0})};
		const run = async (stepId: string) => {
			clock.advance(60_000);
			await runCheckStep(controller, locateStep(loaded.runbook, stepId)!.step as CheckStep, options);
		};

		await run('egress-dns-forwarders');
		controller.dispatch({type: 'hint.shown', stepId: 'egress-dns-forwarders', hint: 1});
		controller.dispatch({type: 'finding.escalated', stepId: 'egress-dns-forwarders', owner: 'dns-team', note: 'ticket 1'});
		clock.advance(5 * 60_000);
		await run('egress-identity');
		await run('acl-dvm-flows');
		controller.dispatch({type: 'step.overridden', stepId: 'acl-dvm-flows', reason: 'the firewall will be fixed later'});
		clock.advance(10 * 60_000);
		// The instructor plays the firewall team: TCP 53 opened.
		const state = readTrainingState(trainingDir, session)!;
		writeTrainingState(trainingDir, withCleared(state, 'tcp53-dropped', clock.now().toISOString(), 'instructor'));
		await run('post-public-vip-flows');
		await run('deploy-recheck-dns');
		const saved = controller.session;
		opened.store.close();

		const {entries} = readJournal(sessionPaths(trainingDir, session).journal);
		const summary = traineeSummary(loaded.runbook, saved, entries, readTrainingState(trainingDir, session)!);
		const outcomes = Object.fromEntries(summary.faults.map(fault => [fault.stepId, fault.outcome]));
		expect(outcomes).toEqual({
			'egress-dns-forwarders': 'escalated-elsewhere',
			'acl-dvm-flows': 'overridden',
			'deploy-recheck-dns': 'not-seen',
			'post-public-vip-flows': 'not-seen',
		});
		expect(summary.faults.find(fault => fault.stepId === 'egress-dns-forwarders')).toMatchObject({seen: 'fail', owner: 'firewall-team', escalatedTo: 'dns-team', expected: 'fail'});
		expect(summary).toMatchObject({trainee: 'ann', scenario: 'dns-tcp-blocked', found: 0, missed: 4, hints: {total: 1, perStep: {'egress-dns-forwarders': 1}}});
		expect(summary.overrides).toEqual([expect.objectContaining({stepId: 'acl-dvm-flows', whereFixExpected: true})]);
		expect(summary.phases.map(phase => [phase.phaseId, phase.activeMs])).toEqual([['dvm-egress', 6 * 60_000], ['switch-acl', 0], ['deploy', 0], ['post-deployment', 0]]);
		const text = renderSummary(summary).join('\n');
		expect(text).toContain('egress-dns-forwarders: saw fail (firewall-team); found, but escalated to the wrong team (to dns-team) [scenario: fail]');
		expect(text).toContain('! acl-dvm-flows: "the firewall will be fixed later" (instructor)');
		expect(text).toContain('Overrides: 1, of which 1 where a fix was expected');
		expect(text).toContain('cleared tcp53-dropped');
	});
});
