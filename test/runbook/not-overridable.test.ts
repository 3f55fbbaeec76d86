import {describe, expect, it} from 'vitest';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import type {Step} from '../../src/runbook/schema.js';

/*
What the vendor does not support cannot be overridden (issue 15 item 6): TLS interception (Azure
Stack Hub rejects traffic modified by a proxy) and DNS or NTP values changed after they froze (every
switch ACL embeds them). Every such step in the runbook says so, with the reason shown on refusal.
*/
const {runbook} = loadRunbook(embeddedRunbookPath());
const steps: Step[] = runbook.phases.flatMap(phase => phase.steps);

/** Steps about TLS interception or the frozen values, found by what they check and what they say. */
const unsupportedWhenFailing = steps.filter(step =>
	(step.kind === 'check' && (step.check === 'tls.not-intercepted' || step.check === 'config.frozen-unchanged'))
	|| (step.kind !== 'input' && /\bTLS (is )?not intercepted\b|\bno TLS interception\b/i.test(step.title)));

describe('checks whose failure the vendor does not support', () => {
	it('are found: the TLS interception check and attestation, and the frozen-values check', () => {
		expect(unsupportedWhenFailing.map(step => step.id).sort()).toEqual(expect.arrayContaining(['deploy-frozen-values', 'egress-no-tls-interception', 'egress-tls-not-intercepted']));
	});

	it.each(unsupportedWhenFailing.map(step => [step.id, step] as const))('%s is not overridable and says why', (_id, step) => {
		expect(step.overridable).toBe(false);
		expect(step.notOverridableReason?.length ?? 0).toBeGreaterThan(20);
	});
});
