import type {Report, ReportPhase, ReportStep} from './report-types.js';
import {describeVantage, describeWaived, utc} from './describe-step.js';
import {evidenceRows} from './evidence-rows.js';
import {xmlAttributes, xmlText} from './xml.js';

type Outcome = {kind: 'pass'} | {kind: 'failure' | 'error'; message: string; type: string; body: string} | {kind: 'skipped'; message: string};

/**
JUnit XML for CI dashboards and test-report viewers: one testsuite per phase, one testcase per
check or command step. Failures carry message=summary and a body of remediation and evidence;
errors are checks that could not evaluate; pending and skipped steps are skipped. Overridden steps
pass, and their system-out says who accepted what and why.
*/
export function renderJunit(report: Report): string {
	const suites = report.phases.map((phase, index) => ({phase, index, cases: phase.steps.filter(step => step.kind === 'check' || step.kind === 'command')})).filter(suite => suite.cases.length > 0);
	const all = suites.flatMap(suite => suite.cases.map(step => outcomeOf(step)));
	const name = `${report.training ? 'TRAINING: ' : ''}azs-runbook ${report.session.name} (${report.runbook.id} ${report.runbook.version}): ${report.summary.headline}`;
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<testsuites${xmlAttributes({name, ...totals(all), time: seconds(suites.flatMap(suite => suite.cases)), timestamp: timestamp(report.generatedAt)})}>`,
	];
	for (const suite of suites) {
		lines.push(...renderSuite(report, suite.phase, suite.index, suite.cases));
	}

	lines.push('</testsuites>');
	return `${lines.join('\n')}\n`;
}

function renderSuite(report: Report, phase: ReportPhase, index: number, cases: ReportStep[]): string[] {
	const outcomes = cases.map(step => outcomeOf(step));
	const started = cases.map(step => step.check?.startedAt ?? step.command?.startedAt).filter((at): at is string => at !== undefined).sort()[0];
	const lines = [
		`\t<testsuite${xmlAttributes({
			name: `${index + 1}. ${phase.title}`,
			id: phase.id,
			package: report.runbook.id,
			...totals(outcomes),
			time: seconds(cases),
			timestamp: started ? timestamp(started) : undefined,
		})}>`,
		'\t\t<properties>',
		...properties(report, phase).map(([key, value]) => `\t\t\t<property${xmlAttributes({name: key, value})}/>`),
		'\t\t</properties>',
	];
	for (const [caseIndex, step] of cases.entries()) {
		lines.push(...renderCase(report, phase, step, outcomes[caseIndex]!));
	}

	lines.push('\t</testsuite>');
	return lines;
}

function properties(report: Report, phase: ReportPhase): Array<[string, string]> {
	const props: Array<[string, string]> = [
		['session', report.session.name],
		['runbook', `${report.runbook.id} ${report.runbook.version}`],
		['phase.status', phase.status],
		['training', report.training ? `yes: scenario ${report.training.scenario}, trainee ${report.training.trainee}` : 'no'],
		['redacted', report.redacted ? 'yes' : 'no'],
	];
	if (phase.lockReason) {
		props.push(['phase.locked', phase.lockReason]);
	}

	return props;
}

function renderCase(report: Report, phase: ReportPhase, step: ReportStep, outcome: Outcome): string[] {
	const time = ((step.check?.durationMs ?? step.command?.durationMs ?? 0) / 1000).toFixed(3);
	const open = `\t\t<testcase${xmlAttributes({name: `${step.title} (${step.id})`, classname: `${report.runbook.id}.${phase.id}`, time})}`;
	const inner: string[] = [];
	if (outcome.kind === 'failure' || outcome.kind === 'error') {
		inner.push(`\t\t\t<${outcome.kind}${xmlAttributes({message: outcome.message, type: outcome.type})}>${xmlText(outcome.body)}</${outcome.kind}>`);
	} else if (outcome.kind === 'skipped') {
		inner.push(`\t\t\t<skipped${xmlAttributes({message: outcome.message})}/>`);
	}

	const out = systemOut(report, step);
	if (out) {
		inner.push(`\t\t\t<system-out>${xmlText(out)}</system-out>`);
	}

	return inner.length === 0 ? [`${open}/>`] : [`${open}>`, ...inner, '\t\t</testcase>'];
}

function outcomeOf(step: ReportStep): Outcome {
	switch (step.state) {
		case 'failed':
		case 'error': {
			const kind = step.state === 'failed' ? 'failure' : 'error';
			if (step.command) {
				const message = step.command.failure ?? `exit code ${step.command.exitCode ?? 'unknown'}`;
				return {kind, message, type: 'command', body: `Command: ${step.command.argv.join(' ')}\nOutput:\n${step.command.output}`};
			}

			const body = [
				step.check?.remediation ? `Remediation: ${step.check.remediation}` : undefined,
				step.owner ? `Who must act: ${step.owner}` : undefined,
				'Evidence (failures first, retries of one probe in one row):',
				...evidenceRows(step.check?.evidence ?? []).map(row => `  ${row.ok ? 'ok' : 'FAILED'} ${row.target} ${row.kind}: ${row.outcome}`),
				'Records:',
				...(step.check?.evidence ?? []).map(probe => `  ${JSON.stringify(probe)}`),
			].filter((line): line is string => line !== undefined);
			return {kind, message: step.check?.summary ?? step.state, type: step.check ? `${step.check.checkId}: ${step.check.status}` : step.state, body: body.join('\n')};
		}

		case 'skipped': {
			return {kind: 'skipped', message: `skipped${step.skipped ? `: ${step.skipped.reason}` : ''}`};
		}

		case 'pending':
		case 'running': {
			return {kind: 'skipped', message: 'pending: not run yet'};
		}

		default: {
			return {kind: 'pass'};
		}
	}
}

function systemOut(report: Report, step: ReportStep): string | undefined {
	const lines: string[] = [];
	const vantage = describeVantage(step);
	const started = step.check?.startedAt ?? step.command?.startedAt;
	if (vantage && started) {
		lines.push(`Measured ${vantage} at ${utc(started)}`);
	}

	if (step.state === 'warned' && step.check) {
		lines.push(`Warning: ${step.check.summary}`);
	}

	if (step.override) {
		const earned = step.resultState ? ` The result was ${step.resultState}${step.check ? `: ${step.check.summary}` : ''}.` : '';
		const override = report.overrides.find(candidate => candidate.stepId === step.id);
		const waived = override ? describeWaived(override) : undefined;
		lines.push(`OVERRIDDEN by ${step.override.by} at ${utc(step.override.at)}: ${step.override.reason}.${earned}${waived ? ` ${waived}` : ''}`);
	}

	if (step.stale) {
		lines.push(`Stale, must re-run: ${step.stale.reason}`);
	}

	return lines.length > 0 ? lines.join('\n') : undefined;
}

function totals(outcomes: readonly Outcome[]) {
	return {
		tests: outcomes.length,
		failures: outcomes.filter(outcome => outcome.kind === 'failure').length,
		errors: outcomes.filter(outcome => outcome.kind === 'error').length,
		skipped: outcomes.filter(outcome => outcome.kind === 'skipped').length,
	};
}

function seconds(steps: readonly ReportStep[]): string {
	return (steps.reduce((sum, step) => sum + (step.check?.durationMs ?? step.command?.durationMs ?? 0), 0) / 1000).toFixed(3);
}

/** JUnit timestamps are ISO 8601 without a zone; these are UTC. */
function timestamp(iso: string): string {
	return new Date(iso).toISOString().slice(0, 19);
}
