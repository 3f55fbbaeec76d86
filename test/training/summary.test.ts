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
import {readTrainingState, withCleared, withInjected, writeTrainingState} from '../../src/training/training-state.js';
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
		// Each listed fault counted once: two seen failing (neither handled right), two run but never seen failing.
		expect(summary).toMatchObject({trainee: 'ann', scenario: 'dns-tcp-blocked', found: 2, handled: 0, missed: 2, neverRun: 0, outside: 0, hints: {total: 1, perStep: {'egress-dns-forwarders': 1}}});
		expect(summary.overrides).toEqual([expect.objectContaining({stepId: 'acl-dvm-flows', whereFixExpected: true})]);
		expect(summary.phases.map(phase => [phase.phaseId, phase.activeMs])).toEqual([['dvm-egress', 6 * 60_000], ['switch-acl', 0], ['deploy', 0], ['post-deployment', 0]]);
		const text = renderSummary(summary).join('\n');
		expect(text).toContain('egress-dns-forwarders: saw fail (firewall-team); found, but escalated to the wrong team (to dns-team) [scenario: fail]');
		expect(text).toContain('! acl-dvm-flows: "the firewall will be fixed later" (instructor)');
		expect(text).toContain('Overrides: 1, of which 1 where a fix was expected');
		expect(text).toContain('cleared tcp53-dropped');
		expect(text).toContain('Faults in the exercise: 4 — 2 found (0 fixed or escalated to the right team), 2 missed, 0 never run');
		expect(text).toContain('deploy-recheck-dns: missed: run, but never seen failing [scenario: fail]');
	});

	it('counts agree with the list: found, missed and never run each once; a fault the instructor injected is part of the exercise', async () => {
		const {trainingDir} = stateDirs();
		const clock = fakeClock('2026-03-02T09:00:00.000Z');
		const session = 'cy-drill';
		const {opened} = startTraining({loaded, trainingDir, scenario: shipped('ntp-two-hours-off'), trainee: 'cy', session, operator: 'instructor', now: clock.now});
		const {controller} = opened;
		const options = {...defaultRunOptions(), probesFor: sessionProbes(trainingDir, {timeScale: 0})};
		const run = async (stepId: string) => {
			clock.advance(60_000);
			await runCheckStep(controller, locateStep(loaded.runbook, stepId)!.step as CheckStep, options);
		};

		// The instructor injects a fault the scenario does not have: TCP 53 dropped.
		clock.advance(60_000);
		const injected = shipped('dns-tcp-blocked').scenario.faults['tcp53-dropped']!;
		writeTrainingState(trainingDir, withInjected(readTrainingState(trainingDir, session)!, 'tcp53-dropped', injected, clock.now().toISOString(), 'instructor'));
		await run('egress-dns-forwarders');
		await run('egress-ntp');
		controller.dispatch({type: 'finding.escalated', stepId: 'egress-ntp', owner: 'customer', note: ''});
		const saved = controller.session;
		opened.store.close();

		const {entries} = readJournal(sessionPaths(trainingDir, session).journal);
		const summary = traineeSummary(loaded.runbook, saved, entries, readTrainingState(trainingDir, session)!);
		const text = renderSummary(summary).join('\n');
		const listed = summary.faults;
		expect(listed.find(fault => fault.stepId === 'egress-dns-forwarders')).toMatchObject({injected: ['tcp53-dropped'], outcome: 'open'});
		expect(text).toMatch(/egress-dns-forwarders: saw \w+ \(firewall-team\); found, not resolved yet \[injected by the instructor: tcp53-dropped\]/);
		expect(text).not.toContain('[not in the scenario]');
		expect(summary).toMatchObject({found: 2, handled: 1, missed: 0, neverRun: 1, outside: 0});
		expect(text).toContain('Faults in the exercise: 3 — 2 found (1 fixed or escalated to the right team), 0 missed, 1 never run');
		// The counts are the list's own: one line per fault, in the category its words say.
		const lines = text.split('\n');
		expect(lines.filter(line => /^ {2}[\w-]+:.* found/.test(line))).toHaveLength(summary.found);
		expect(lines.filter(line => /^ {2}[\w-]+:.* never run:/.test(line))).toHaveLength(summary.neverRun);
		expect(lines.filter(line => /^ {2}[\w-]+:.* missed:/.test(line))).toHaveLength(summary.missed);
	});
});
