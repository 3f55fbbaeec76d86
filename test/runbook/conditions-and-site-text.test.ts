import {describe, expect, it} from 'vitest';
import {nextStep, phaseGate} from '../../src/engine/gating.js';
import {runSteps} from '../../src/engine/run-steps.js';
import {statusView} from '../../src/engine/status.js';
import {buildReport} from '../../src/reports/build-report.js';
import {renderMarkdown} from '../../src/reports/render-markdown.js';
import {stepApplicability} from '../../src/runbook/conditions.js';
import type {StepFileProblem} from '../../src/runbook/load-errors.js';
import {renderSiteText, subnetOf} from '../../src/runbook/site-text.js';
import {memoryController} from '../helpers/memory-session.js';
import {loadText, problemsOf} from './step-file-helpers.js';

/*
`when:` on steps and phases, `source:` on steps, and site values in step text: validated with
file:line:col, honoured by gating, status, runs and reports, and rendered with the site's values.
*/

const runbook = `id: cond
title: Conditions
version: '1'
description: Conditional steps.
sources:
  network:
    doc: azure-stack/operator/azure-stack-network.md
    date: '2025-08-13'
    title: Network integration planning
phases:
  - id: decide
    title: Decide
    body: Decisions.
    steps:
      - id: identity
        kind: input
        name: identity_system
        type: enum
        rules:
          options: [EntraID, ADFS]
        title: Identity
        body: Pick one.
        source: network
      - id: pool
        kind: input
        name: public_vip_pool
        type: cidr
        rules:
          prefixMin: 22
          prefixMax: 26
        title: Pool
        body: The pool.
  - id: work
    title: Work
    body: Work.
    steps:
      - id: ldap
        kind: confirm
        when: {input: identity_system, is: ADFS}
        title: 'LDAP open from {$first/27: public_vip_pool}'
        body: 'Allow LDAP from {$first/27: public_vip_pool} (pool {$input: public_vip_pool}).'
        attestation: 'LDAP is open from {$first/27: public_vip_pool}.'
        source: [network]
      - id: always
        kind: confirm
        title: Always
        body: Always applies.
        attestation: Done.
`;

const at = (problems: StepFileProblem[]) => problems.map(problem => `${problem.line}:${problem.column} ${problem.path}: ${problem.message}`);
const edit = (from: string, to: string) => {
	if (!runbook.includes(from)) {
		throw new Error(`fixture lacks ${from}`);
	}

	return runbook.replace(from, to);
};

describe('conditions, sources and site values are validated with file:line:col', () => {
	it('the fixture loads', () => {
		expect(loadText(runbook).runbook.sources?.network?.date).toBe('2025-08-13');
	});

	it.each([
		['an unknown input', edit('when: {input: identity_system', 'when: {input: identity_sytem'), '39:23 phases[1].steps[0].when.input: unknown input "identity_sytem" (did you mean "identity_system"?)'],
		['a value the enum can never take', edit('is: ADFS}', 'is: AADFS}'), '39:44 phases[1].steps[0].when.is: "identity_system" can never be "AADFS": its options are EntraID, ADFS (did you mean "ADFS"?)'],
		['a condition on a network input', edit('when: {input: identity_system, is: ADFS}', 'when: {input: public_vip_pool, is: x}'), '39:23 phases[1].steps[0].when.input: input "public_vip_pool" is cidr; conditions can only test enum inputs'],
		['a condition with neither is nor isNot', edit(', is: ADFS}', '}'), '39:15 phases[1].steps[0].when: a condition needs "is" or "isNot"'],
		['an unknown source', edit('source: [network]', 'source: [netwrk]'), '43:18 phases[1].steps[0].source[0]: unknown source "netwrk"; define it under sources at the top (did you mean "network"?)'],
		['a site value naming no input', edit("title: 'LDAP open from {$first/27: public_vip_pool}'", "title: 'LDAP open from {$first/27: public_pool}'"), '40:16 phases[1].steps[0].title: unknown input "public_pool"'],
		['a range of a non-network input', edit("title: 'LDAP open from {$first/27: public_vip_pool}'", "title: 'LDAP open from {$first/27: identity_system}'"), '40:16 phases[1].steps[0].title: {$first/27: identity_system}: input "identity_system" is enum, not a network (cidr)'],
		['a range larger than the smallest network', edit("title: 'LDAP open from {$first/27: public_vip_pool}'", "title: 'LDAP open from {$first/24: public_vip_pool}'"), '40:16 phases[1].steps[0].title: {$first/24: public_vip_pool}: a /24 does not fit in "public_vip_pool", which may be as small as a /26'],
		['an unknown site function', edit("title: 'LDAP open from {$first/27: public_vip_pool}'", "title: 'LDAP open from {$middle/27: public_vip_pool}'"), '40:16 phases[1].steps[0].title: unknown site value {$middle/27: public_vip_pool}: use {$input: name}, {$first/27: network} or {$last/27: network}'],
	])('refuses %s', (_name, text, expected) => {
		expect(at(problemsOf(text))).toContain(expected);
	});

	it('refuses a condition on an input entered later', () => {
		const text = edit('      - id: always\n        kind: confirm', '      - id: always\n        kind: confirm\n        when: {input: later, is: a}').replace(
			'        attestation: Done.\n',
			'        attestation: Done.\n      - id: later\n        kind: input\n        name: later\n        type: enum\n        rules: {options: [a]}\n        title: Later\n        body: Later.\n',
		);
		expect(at(problemsOf(text)).join('\n')).toMatch(/phases\[1\]\.steps\[1\]\.when\.input: input "later" is entered later/);
	});
});

describe('site values in text', () => {
	it('computes the three border ranges from sample inputs', () => {
		expect(subnetOf('10.50.4.0/24', 27, true)).toBe('10.50.4.0/27');
		expect(subnetOf('10.100.5.0/24', 27, false)).toBe('10.100.5.224/27');
		expect(subnetOf('10.193.132.0/26', 27, false)).toBe('10.193.132.32/27');
		expect(subnetOf('10.193.132.0/26', 24, false)).toBeUndefined();
		expect(subnetOf('not a network', 27, true)).toBeUndefined();
	});

	it('renders values, ranges and placeholders naming what is missing', () => {
		expect(renderSiteText('allow {$first/27: pool} and {$input: dns}', {pool: '10.50.4.0/24', dns: ['10.0.0.1', '10.0.0.2']})).toBe('allow 10.50.4.0/27 and 10.0.0.1, 10.0.0.2');
		expect(renderSiteText('allow {$first/27: pool} and {$input: dns}', {})).toBe('allow ‹the first /27 of pool› and ‹dns›');
	});
});

describe('steps whose condition is false', () => {
	function setUp() {
		const loaded = loadText(runbook);
		const {controller} = memoryController(loaded);
		controller.dispatch({type: 'input.set', name: 'public_vip_pool', value: '10.50.4.0/24'});
		return {loaded, controller};
	}

	it('apply while the deciding input is not entered, and not once it says otherwise', () => {
		const {loaded, controller} = setUp();
		const [phase] = loaded.runbook.phases.slice(1);
		const ldap = phase!.steps[0]!;
		expect(stepApplicability(phase!, ldap, {}).applies).toBe(true);
		controller.dispatch({type: 'input.set', name: 'identity_system', value: 'EntraID'});
		expect(stepApplicability(phase!, ldap, {identity_system: 'EntraID'})).toEqual({applies: false, reason: 'not applicable: identity_system is EntraID; this applies only when it is ADFS'});
		expect(stepApplicability(phase!, ldap, {identity_system: 'ADFS'}).applies).toBe(true);
	});

	it('are ignored by gating, counted apart by status, skipped by runs and marked in reports', async () => {
		const {loaded, controller} = setUp();
		controller.dispatch({type: 'input.set', name: 'identity_system', value: 'EntraID'});
		expect(nextStep(loaded.runbook, controller.session)?.step.id).toBe('always');
		controller.dispatch({type: 'step.confirmed', stepId: 'always'});
		expect(phaseGate(loaded.runbook, controller.session, 1).open).toBe(true);
		const view = statusView(loaded.runbook, controller.session);
		expect(view.phases[1]).toMatchObject({word: 'complete', counts: {total: 1, passed: 1, notApplicable: 1}});
		expect(view.notApplicable).toEqual([{stepId: 'ldap', reason: 'not applicable: identity_system is EntraID; this applies only when it is ADFS'}]);
		expect(view.complete).toBe(true);

		const run = await runSteps(controller, {phaseId: 'work'}, {signal: new AbortController().signal, concurrency: 1, yes: true} as never);
		expect(run.notApplicable.map(item => item.stepId)).toEqual(['ldap']);
		expect(run.waiting).toEqual([]);

		const report = buildReport(loaded, controller.session, {entries: []}, {generatedAt: '2026-01-05T08:00:00.000Z'});
		const ldap = report.phases[1]!.steps[0]!;
		expect(ldap).toMatchObject({title: 'LDAP open from 10.50.4.0/27', notApplicable: expect.stringMatching(/identity_system is EntraID/), sources: ['azure-stack/operator/azure-stack-network.md (2025-08-13): Network integration planning']});
		expect(report.summary.pending).toBe(0);
		const markdown = renderMarkdown(report);
		expect(markdown).toContain('**Not applicable here**');
		expect(markdown).toContain('- ∅ LDAP open from 10.50.4.0/27 (`ldap`): not applicable: identity\\_system is EntraID');
		expect(markdown).toContain('## Why we check this: sources');
	});

	it('gate the phase and record the attestation with the site values when they apply', () => {
		const {loaded, controller} = setUp();
		controller.dispatch({type: 'input.set', name: 'identity_system', value: 'ADFS'});
		controller.dispatch({type: 'step.confirmed', stepId: 'always'});
		expect(statusView(loaded.runbook, controller.session).phases[1]!.word).not.toBe('complete');
		controller.dispatch({type: 'step.confirmed', stepId: 'ldap'});
		expect(controller.session.steps.ldap?.confirmation?.attestation).toBe('LDAP is open from 10.50.4.0/27.');
		expect(statusView(loaded.runbook, controller.session).complete).toBe(true);
	});
});
