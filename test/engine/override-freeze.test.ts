import {describe, expect, it} from 'vitest';
import type {CheckResult} from '../../src/checks/types.js';
import {isSatisfied, phaseGate} from '../../src/engine/gating.js';
import {memoryController} from '../helpers/memory-session.js';

const failed: CheckResult = {
	checkId: 'tcp.connect',
	status: 'fail',
	summary: 'TCP 127.0.0.1:1 refused',
	evidence: [],
	startedAt: '2026-01-05T08:00:00.000Z',
	durationMs: 1,
	vantage: {host: 'dvm', localAddresses: ['127.0.0.1']},
};

function setupDone() {
	const session = memoryController();
	const {controller} = session;
	controller.dispatch({type: 'step.acknowledged', stepId: 'read-me'});
	controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['10.0.0.53']});
	controller.dispatch({type: 'input.set', name: 'service_port', value: '443'});
	return session;
}

describe('overrides', () => {
	it('records reason, who and when, and opens the gate', () => {
		const {controller, loaded, clock} = setupDone();
		controller.dispatch({type: 'check.finished', stepId: 'port-open', result: failed, ttlSeconds: 3600, usedInputs: ['dns_forwarders']});
		clock.advance(60_000);
		controller.dispatch({type: 'step.overridden', stepId: 'port-open', reason: 'service not installed yet; OEM will re-test'});
		const record = controller.session.steps['port-open']!;
		expect(record.state).toBe('overridden');
		expect(record.resultState).toBe('failed');
		expect(record.override).toEqual({by: 'alice', at: '2026-01-05T08:01:00.000Z', reason: 'service not installed yet; OEM will re-test'});
		expect(isSatisfied(record)).toBe(true);
		controller.dispatch({type: 'command.finished', stepId: 'echo-dns', command: {argv: ['node'], exitCode: 0, output: '', truncated: false, startedAt: '2026-01-05T08:00:00.000Z', durationMs: 1, host: 'dvm'}, state: 'passed', ttlSeconds: 60, usedInputs: []});
		controller.dispatch({type: 'step.confirmed', stepId: 'backed-up'});
		expect(phaseGate(loaded.runbook, controller.session, 2).open).toBe(true);
	});

	it('refuses an override without a reason', () => {
		const {controller} = setupDone();
		expect(() => controller.dispatch({type: 'step.overridden', stepId: 'port-open', reason: ' '})).toThrow('an override needs a reason');
		expect(controller.session.steps['port-open']).toBeUndefined();
	});

	it('never overrides a step marked not overridable, and says why', () => {
		const {controller} = setupDone();
		expect(() => controller.dispatch({type: 'step.overridden', stepId: 'enter-dns', reason: 'skip the DNS please'}))
			.toThrow('step "enter-dns" cannot be overridden: every switch ACL embeds the forwarders');
	});
});

describe('freeze and unfreeze', () => {
	it('freezes marked inputs when their phase completes, not before', () => {
		const {controller} = memoryController();
		controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['10.0.0.53']});
		expect(controller.session.inputs.dns_forwarders?.frozen).toBe(false);
		controller.dispatch({type: 'step.acknowledged', stepId: 'read-me'});
		controller.dispatch({type: 'input.set', name: 'service_port', value: '443'});
		expect(controller.session.inputs.dns_forwarders?.frozen).toBe(true);
		expect(controller.session.inputs.service_port?.frozen).toBe(false);
	});

	it('refuses to change a frozen value, and unfreeze marks every result that used it stale', () => {
		const {controller, loaded} = setupDone();
		expect(() => controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['10.9.9.9']})).toThrow(/frozen.*unfreeze/);
		controller.dispatch({type: 'check.finished', stepId: 'port-open', result: {...failed, status: 'pass'}, ttlSeconds: 3600, usedInputs: ['dns_forwarders']});
		controller.dispatch({type: 'check.finished', stepId: 'optional-check', result: {...failed, status: 'pass'}, ttlSeconds: 3600, usedInputs: []});
		controller.dispatch({type: 'input.unfreeze', name: 'dns_forwarders', reason: 'customer moved DNS to new servers'});
		expect(controller.session.steps['port-open']?.stale?.reason).toBe('input "dns_forwarders" was unfrozen: customer moved DNS to new servers');
		expect(controller.session.steps['optional-check']?.stale).toBeUndefined();
		expect(controller.session.inputs.dns_forwarders?.unfrozen?.by).toBe('alice');
		// The unfrozen value stays changeable until a new value is set; then it freezes again.
		controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['10.9.9.9', '10.9.9.10']});
		expect(controller.session.inputs.dns_forwarders).toMatchObject({frozen: true, value: ['10.9.9.9', '10.9.9.10']});
		// The stale result keeps the next phase locked until it re-runs.
		controller.dispatch({type: 'command.finished', stepId: 'echo-dns', command: {argv: ['node'], exitCode: 0, output: '', truncated: false, startedAt: '2026-01-05T08:00:00.000Z', durationMs: 1, host: 'dvm'}, state: 'passed', ttlSeconds: 60, usedInputs: []});
		controller.dispatch({type: 'step.confirmed', stepId: 'backed-up'});
		expect(phaseGate(loaded.runbook, controller.session, 2).open).toBe(false);
		controller.dispatch({type: 'check.finished', stepId: 'port-open', result: {...failed, status: 'pass'}, ttlSeconds: 3600, usedInputs: ['dns_forwarders']});
		expect(phaseGate(loaded.runbook, controller.session, 2).open).toBe(true);
	});

	it('refuses to unfreeze an input that is not frozen', () => {
		const {controller} = memoryController();
		expect(() => controller.dispatch({type: 'input.unfreeze', name: 'service_port', reason: 'why not'})).toThrow('is not frozen');
	});

	it('records how long a failure took to fix', () => {
		const {controller, clock} = setupDone();
		controller.dispatch({type: 'check.finished', stepId: 'port-open', result: failed, ttlSeconds: 3600, usedInputs: []});
		clock.advance(250_000);
		controller.dispatch({type: 'check.finished', stepId: 'port-open', result: failed, ttlSeconds: 3600, usedInputs: []});
		clock.advance(10_000);
		controller.dispatch({type: 'check.finished', stepId: 'port-open', result: {...failed, status: 'pass'}, ttlSeconds: 3600, usedInputs: []});
		expect(controller.session.steps['port-open']?.fixedAfterMs).toBe(260_000);
	});
});
