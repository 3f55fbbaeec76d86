import {describe, expect, it} from 'vitest';
import {overrideProblem} from '../../src/engine/override-policy.js';
import type {Step} from '../../src/runbook/schema.js';

const check = {kind: 'check', id: 'c', title: 'C', body: 'b', check: 'tcp.connect', params: {}, blocking: true, overridable: true} as unknown as Step;
const at = '2026-01-05T09:30:00.000Z';

describe('overrides accept a failing result and nothing else', () => {
	it('refuses a pass, a check that never ran, and a step marked not overridable, saying why', () => {
		expect(overrideProblem(check, {state: 'failed', updatedAt: at})).toBeUndefined();
		expect(overrideProblem(check, {state: 'error', updatedAt: at})).toBeUndefined();
		expect(overrideProblem(check, {state: 'overridden', resultState: 'failed', updatedAt: at})).toBeUndefined();
		expect(overrideProblem(check, {state: 'passed', updatedAt: at})).toBe('step "c" has no failing result to override (it is passed); only a failed or error result can be overridden');
		expect(overrideProblem(check, undefined)).toContain('(it is pending)');
		expect(overrideProblem({...check, overridable: false, notOverridableReason: 'TLS interception is not supported by the vendor'} as Step, {state: 'failed', updatedAt: at}))
			.toBe('step "c" cannot be overridden: TLS interception is not supported by the vendor');
	});
});
