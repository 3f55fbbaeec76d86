import {readFileSync} from 'node:fs';
import path from 'node:path';
import {Ajv} from 'ajv';
import type {Requests} from '../../src/reports/build-requests.js';
import {findingsOf} from '../../src/reports/findings.js';
import type {Report} from '../../src/reports/report-types.js';
import {repoRoot} from '../helpers/paths.js';

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas', 'requests.schema.json'), 'utf8')) as object;
const validate = new Ajv({allErrors: true}).compile(schema);

/** Validates change requests (as written by `requests --format json`) against the published JSON Schema. */
export function requestsSchemaErrors(requests: Requests): string[] {
	const parsed: unknown = JSON.parse(JSON.stringify(requests));
	return validate(parsed) ? [] : (validate.errors ?? []).map(error => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

/**
The property every set of requests must keep, whatever the session: each failing finding of the
report is in exactly one request (its owner's), each rule's findings are in that request, and each
request's rules are distinct. Returns the violations (empty when it holds).
*/
export function requestViolations(report: Report, requests: Requests): string[] {
	const problems: string[] = [];
	const findings = findingsOf(report);
	for (const finding of findings) {
		const holders = requests.requests.filter(request => request.findings.some(candidate => candidate.id === finding.id));
		if (holders.length !== 1) {
			problems.push(`${finding.id} (${finding.layer}) is in ${holders.length} requests`);
		} else if (holders[0]!.owner !== finding.owner) {
			problems.push(`${finding.id} is in the ${holders[0]!.owner} request, not ${finding.owner}'s`);
		}
	}

	const failingSteps = report.phases.flatMap(phase => phase.steps).filter(step => step.state === 'failed' || step.state === 'error');
	for (const step of failingSteps) {
		if (!findings.some(finding => finding.stepId === step.id)) {
			problems.push(`failing step ${step.id} has no finding`);
		}
	}

	for (const request of requests.requests) {
		const keys = request.rules.map(rule => JSON.stringify([rule.action, rule.source.range, rule.protocol, rule.port, rule.destination.names[0] ?? rule.destination.address]));
		if (new Set(keys).size !== keys.length) {
			problems.push(`${request.owner} has duplicate rules`);
		}

		for (const rule of request.rules) {
			for (const id of rule.findingIds) {
				if (request.findings.find(finding => finding.id === id)?.ruleId !== rule.id) {
					problems.push(`${request.owner} ${rule.id} names ${id}, which does not point back`);
				}
			}
		}
	}

	return problems;
}
