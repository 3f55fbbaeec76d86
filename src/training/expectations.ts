import type {CheckResult, CheckStatus, FixOwner} from '../checks/types.js';
import {locateStep} from '../engine/runbook-index.js';
import {stepApplicability} from '../runbook/conditions.js';
import type {Runbook} from '../runbook/schema.js';
import {expectationOf, type Scenario} from './scenario-schema.js';
import {checkStepIds} from './validate-scenario.js';

/** What a scenario expects of one check step, in full: status pass unless the scenario says otherwise. */
export type StepExpectation = {status: CheckStatus; owner?: FixOwner; summary?: string; overrideOk?: boolean};

/** A check step whose verdict differs from the scenario's expectation, and how. */
export type Mismatch = {stepId: string; expected: StepExpectation; actual?: Pick<CheckResult, 'status' | 'summary' | 'owner'>; problem: string};

/** The expectation of every check step of the runbook (unlisted ones must pass). */
export function expectationsOf(runbook: Runbook, scenario: Scenario): Map<string, StepExpectation> {
	return new Map(checkStepIds(runbook).map(stepId => {
		const listed = scenario.expect[stepId];
		return [stepId, listed === undefined ? {status: 'pass'} : expectationOf(listed)];
	}));
}

/** Compares the verdicts of a run with the scenario's expectations; empty when every check came out as expected. */
export function compareWithExpectations(runbook: Runbook, scenario: Scenario, results: Readonly<Record<string, CheckResult>>): Mismatch[] {
	const mismatches: Mismatch[] = [];
	for (const [stepId, expected] of expectationsOf(runbook, scenario)) {
		const result = results[stepId];
		const location = locateStep(runbook, stepId);
		if (!result && location && !stepApplicability(location.phase, location.step, scenario.worksheet).applies) {
			// Its condition is false for this site (e.g. syslog none): it neither runs nor is expected.
			continue;
		}

		if (!result) {
			mismatches.push({stepId, expected, problem: 'did not run'});
			continue;
		}

		const actual = {status: result.status, summary: result.summary, ...(result.owner ? {owner: result.owner} : {})};
		const problems = [
			...(result.status === expected.status ? [] : [`expected ${expected.status}, got ${result.status}`]),
			...(expected.owner && result.owner !== expected.owner ? [`expected owner ${expected.owner}, got ${result.owner ?? 'none'}`] : []),
			...(expected.summary && !result.summary.includes(expected.summary) ? [`the summary does not contain "${expected.summary}"`] : []),
		];
		if (problems.length > 0) {
			mismatches.push({stepId, expected, actual, problem: problems.join('; ')});
		}
	}

	return mismatches;
}
