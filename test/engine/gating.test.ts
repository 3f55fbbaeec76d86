import {describe, expect, it} from 'vitest';
import {EngineRefusal} from '../../src/engine/actions.js';
import {describeLock, nextStep, phaseGate} from '../../src/engine/gating.js';
import {statusView} from '../../src/engine/status.js';
import type {CheckResult} from '../../src/checks/types.js';
import {memoryController} from '../helpers/memory-session.js';

function result(status: CheckResult['status'], summary: string): CheckResult {
	return {checkId: 'tcp.connect', status, summary, evidence: [], startedAt: '2026-01-05T08:00:00.000Z', durationMs: 3, vantage: {host: 'dvm', localAddresses: ['10.0.0.10']}};
}

function completeSetup(controller: ReturnType<typeof memoryController>['controller']) {
	controller.dispatch({type: 'step.acknowledged', stepId: 'read-me'});
	controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['10.0.0.53', '10.0.1.53']});
	controller.dispatch({type: 'input.set', name: 'service_port', value: '443'});
}

describe('gating', () => {
	it('keeps a phase locked until every blocking step of earlier phases is satisfied', () => {
		const {controller, loaded} = memoryController();
		const gate = phaseGate(loaded.runbook, controller.session, 1);
		expect(gate.open).toBe(false);
		controller.dispatch({type: 'step.acknowledged', stepId: 'read-me'});
		controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['10.0.0.53']});
		expect(phaseGate(loaded.runbook, controller.session, 1).open).toBe(false);
		controller.dispatch({type: 'input.set', name: 'service_port', value: '443'});
		expect(phaseGate(loaded.runbook, controller.session, 1).open).toBe(true);
		expect(phaseGate(loaded.runbook, controller.session, 2).open).toBe(false);
	});

	it('names the failed blocking checks in the lock message', () => {
		const {controller, loaded} = memoryController();
		completeSetup(controller);
		controller.dispatch({type: 'check.finished', stepId: 'port-open', result: result('fail', 'TCP 53 blocked'), ttlSeconds: 3600, usedInputs: []});
		const gate = phaseGate(loaded.runbook, controller.session, 2);
		expect(gate.open).toBe(false);
		if (!gate.open) {
			expect(describeLock(gate.blockers)).toBe('locked: 1 blocking step failed in Checks: port-open (TCP 53 blocked)');
		}

		const view = statusView(loaded.runbook, controller.session);
		expect(view.phases.map(phase => phase.word)).toEqual(['complete', 'failing', 'locked']);
	});

	it('lets a warned check and a failed non-blocking check through the gate', () => {
		const {controller, loaded} = memoryController();
		completeSetup(controller);
		controller.dispatch({type: 'check.finished', stepId: 'port-open', result: result('warn', 'slow'), ttlSeconds: 3600, usedInputs: []});
		controller.dispatch({type: 'command.finished', stepId: 'echo-dns', command: {argv: ['node'], exitCode: 0, output: '', truncated: false, startedAt: '2026-01-05T08:00:00.000Z', durationMs: 1, host: 'dvm'}, state: 'passed', ttlSeconds: 60, usedInputs: []});
		controller.dispatch({type: 'step.confirmed', stepId: 'backed-up'});
		controller.dispatch({type: 'check.finished', stepId: 'optional-check', result: result('fail', 'closed'), ttlSeconds: 3600, usedInputs: []});
		expect(phaseGate(loaded.runbook, controller.session, 2).open).toBe(true);
	});

	it('points nextStep at the first unsatisfied step of the first open phase', () => {
		const {controller, loaded} = memoryController();
		expect(nextStep(loaded.runbook, controller.session)?.step.id).toBe('read-me');
		completeSetup(controller);
		expect(nextStep(loaded.runbook, controller.session)?.step.id).toBe('port-open');
		controller.advance();
		expect(controller.session.position).toEqual({phaseId: 'checks', stepId: 'port-open'});
	});

	it('refuses to acknowledge a step of the wrong kind', () => {
		const {controller} = memoryController();
		expect(() => controller.dispatch({type: 'step.acknowledged', stepId: 'backed-up'})).toThrow(EngineRefusal);
		expect(() => controller.dispatch({type: 'step.confirmed', stepId: 'nope'})).toThrow('unknown step "nope"');
	});
});
