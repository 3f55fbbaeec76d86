import {formatValue} from '../journal/show.js';
import {formatDateTime} from '../journal/format-time.js';
import {ownerLabels} from './owners.js';
import type {Report, ReportStep} from './report-types.js';

/*
Words shared by the Markdown report and the hand-over, so both say the same thing the same way.
Times are UTC and say so: reports travel between sites, shifts and support.
*/

/** `2026-01-05 08:12 UTC` */
export const utc = (iso: string) => formatDateTime(iso, {timeZone: 'UTC'});

/** The sections a step falls into in a phase, in the order a reader needs them. */
export type StepGroup = 'failed' | 'stale' | 'pending' | 'overridden' | 'skipped' | 'done' | 'not-applicable';

export function groupOf(step: ReportStep): StepGroup {
	if (step.notApplicable !== undefined && (step.state === 'pending' || step.state === 'running')) {
		// Its condition is false for this session and nothing was recorded: it is not waiting for anyone.
		return 'not-applicable';
	}

	switch (step.state) {
		case 'failed':
		case 'error': {
			return 'failed';
		}

		case 'overridden': {
			return 'overridden';
		}

		case 'skipped': {
			return 'skipped';
		}

		case 'pending':
		case 'running': {
			return 'pending';
		}

		default: {
			return step.stale ? 'stale' : 'done';
		}
	}
}

/** `from host dvm01 (10.0.0.5); endpoint list azure-public (2022-01-10)` */
export function describeVantage(step: ReportStep): string | undefined {
	if (step.check) {
		const {host, localAddresses, name, collected} = step.check.vantage;
		const addresses = localAddresses.length > 0 ? ` (${localAddresses.join(', ')})` : ' (no local address recorded)';
		const list = step.check.endpointList ? `; endpoint list ${step.check.endpointList}` : '';
		const role = name ? `, the ${name}` : '';
		const how = collected ? (collected.via === 'ssh' ? `, collected over SSH from ${collected.source}` : `, imported from ${collected.source}`) : '';
		return `from host ${host}${addresses}${role}${how}${list}`;
	}

	return step.command ? `on host ${step.command.host}` : undefined;
}

/**
The report's first line: "Complete" only when nothing was overridden; otherwise "Complete with 4
overrides", so nobody reads a waived finding as a pass. In progress says what stands in the way.
*/
export function headline(summary: Omit<Report['summary'], 'headline'>): string {
	const overrides = summary.overridden === 0 ? '' : ` with ${summary.overridden} override${summary.overridden === 1 ? '' : 's'}`;
	if (summary.complete) {
		return `Complete${overrides}`;
	}

	const parts = [
		summary.failed > 0 ? `${summary.failed} failed` : undefined,
		summary.stale > 0 ? `${summary.stale} must re-run` : undefined,
		summary.overridden > 0 ? `${summary.overridden} overridden` : undefined,
	].filter((part): part is string => part !== undefined);
	return `In progress${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** `Waived: "Allow TCP 53 …" (firewall team).`, or undefined when the override waived no fix. */
export function describeWaived(override: Report['overrides'][number]): string | undefined {
	if (!override.remediation && !override.owner) {
		return undefined;
	}

	return `Waived: ${override.remediation ? `"${override.remediation}"` : 'the fix'}${override.owner ? ` (${override.owner})` : ''}.`;
}

/** What a satisfied or failed step's outcome was, in one phrase. */
export function describeOutcome(step: ReportStep, report: Report): string {
	if (step.check) {
		const word = {pass: 'passed', warn: 'passed with a warning', fail: 'failed', error: 'could not be evaluated', skipped: 'skipped'}[step.check.status];
		return `${word}: ${step.check.summary}`;
	}

	if (step.command) {
		const {command} = step;
		const detail = command.failure ?? (command.exitCode === undefined ? 'no exit code' : `exit code ${command.exitCode}`);
		const word = step.resultState ?? step.state;
		return `${word === 'passed' ? 'passed' : word} (${detail})`;
	}

	if (step.confirmation) {
		return `confirmed by ${step.confirmation.by}: "${step.confirmation.attestation}"`;
	}

	if (step.kind === 'input' && step.inputName) {
		const input = report.inputs.find(candidate => candidate.name === step.inputName);
		return input?.value === undefined ? 'no value' : `set to ${formatValue(input.value)}`;
	}

	return step.kind === 'instruction' ? 'acknowledged' : step.state;
}

/** What a pending step is waiting for. */
export function describeWaiting(step: ReportStep): string {
	switch (step.kind) {
		case 'input': {
			return `waiting for a value (${step.owner ?? ownerLabels.operator})`;
		}

		case 'confirm': {
			return `waiting for an attestation (${step.owner ?? ownerLabels.operator})`;
		}

		case 'instruction': {
			return `waiting to be acknowledged (${step.owner ?? ownerLabels.operator})`;
		}

		default: {
			return `not run yet (${step.owner ?? ownerLabels.operator})`;
		}
	}
}

export {formatValue};
