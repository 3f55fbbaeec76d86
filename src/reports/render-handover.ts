import {formatValue} from '../journal/show.js';
import type {Report} from './report-types.js';
import {describeOutcome, describeVantage, describeWaived, groupOf, utc} from './describe-step.js';

const phaseMarks: Record<Report['phases'][number]['status'], string> = {
	complete: '✔',
	'must re-run': '↻',
	'in progress': '▸',
	failing: '✖',
	open: '○',
	locked: '■',
};

export type HandoverOptions = {
	/** The exact command the next engineer runs to continue (session, runbook and state directory included). */
	resumeCommand: string;
};

/**
One page for the next engineer or shift: where the deployment stands, what is blocked and who must
act, overrides in force, stale results, frozen inputs, the next step and the command to resume.
Plain text that reads the same in a terminal, an e-mail or a ticket.
*/
export function renderHandover(report: Report, options: HandoverOptions): string {
	const lines: string[] = [];
	if (report.training) {
		lines.push(`*** TRAINING SESSION: not a real deployment (scenario ${report.training.scenario}, trainee ${report.training.trainee}) ***`, '');
	}

	lines.push(
		`Hand-over: session "${report.session.name}", ${report.runbook.title} (${report.runbook.id} ${report.runbook.version}): ${report.summary.headline}`,
		`Written ${utc(report.generatedAt)}; last activity ${utc(report.session.updatedAt)}${report.redacted ? '; addresses and names redacted' : ''}`,
		...(report.journal.lastHash ? [`Journal head ${report.journal.entries}:${report.journal.lastHash} (the next engineer checks it with: ${options.resumeCommand} journal verify --head ${report.journal.entries}:${report.journal.lastHash})`] : []),
		'',
		'Where it stands',
	);
	for (const [index, phase] of report.phases.entries()) {
		const {passed, failed, total, skipped, stale} = phase.counts;
		lines.push(`  ${phaseMarks[phase.status]} ${index + 1}. ${phase.title}: ${phase.status} (${passed}/${total} done${failed ? `, ${failed} failed` : ''}${stale ? `, ${stale} must re-run` : ''}${skipped ? `, ${skipped} skipped` : ''})${phase.current ? '  ← here' : ''}`);
	}

	const {next, lockedAt} = report.summary;
	lines.push('', next ? `Next step: ${next.phaseTitle} › ${next.stepTitle} (${next.stepId})` : report.summary.complete ? 'Next step: none, every phase is complete' : 'Next step: none open');
	if (lockedAt) {
		lines.push(`Locked: ${lockedAt.phaseTitle} is ${lockedAt.reason}`);
	}

	lines.push('', 'Failing or blocked, and who must act');
	const failing = report.phases.flatMap(phase => phase.steps.filter(step => groupOf(step) === 'failed'));
	if (failing.length === 0 && report.blockers.length === 0) {
		lines.push('  nothing is failing');
	}

	for (const step of failing) {
		lines.push(`  ✖ ${step.id}${step.blocking ? '' : ' (not blocking)'}: ${describeOutcome(step, report)}`);
		lines.push(`      who: ${step.owner ?? 'field engineer'}${step.check?.remediation ? `; do: ${step.check.remediation}` : ''}`);
		const vantage = describeVantage(step);
		if (vantage && step.updatedAt) {
			lines.push(`      measured ${vantage}, ${utc(step.updatedAt)}${step.failingSince ? `; failing since ${utc(step.failingSince)}` : ''}`);
		}
	}

	for (const blocker of report.blockers.filter(candidate => candidate.stale && !failing.some(step => step.id === candidate.stepId))) {
		lines.push(`  ↻ ${blocker.stepId}: must re-run before the gate opens (${blocker.owner})`);
	}

	lines.push('', 'Overrides in force');
	lines.push(...(report.overrides.length === 0
		? ['  none']
		: report.overrides.flatMap(override => {
			const waived = describeWaived(override);
			const stale = override.stale ? [`      the result it accepted is stale (${override.stale}): no longer in force until re-run`] : [];
			return [`  ⚑ ${override.stepId}: by ${override.by}, ${utc(override.at)}: "${override.reason}"${override.resultState ? ` (the result was ${override.resultState}${override.summary ? `: ${override.summary}` : ''})` : ''}`, ...(waived ? [`      ${waived}`] : []), ...stale];
		})));

	const skipped = report.phases.flatMap(phase => phase.steps.filter(step => step.state === 'skipped'));
	if (skipped.length > 0) {
		lines.push('', 'Skipped');
		lines.push(...skipped.map(step => `  – ${step.id}: ${step.skipped ? `${step.skipped.reason} (${step.skipped.by}, ${utc(step.skipped.at)})` : 'no reason recorded'}`));
	}

	lines.push('', 'Stale results (must re-run)');
	lines.push(...(report.stale.length === 0 ? ['  none'] : report.stale.map(stale => `  ↻ ${stale.stepId}: ${stale.reason} (${utc(stale.at)})`)));

	const frozen = report.inputs.filter(input => input.frozen && input.value !== undefined);
	if (frozen.length > 0) {
		lines.push('', 'Frozen inputs (changing one needs an unfreeze with a reason)');
		lines.push(...frozen.map(input => `  ${input.name} = ${formatValue(input.value!)}`));
	}

	const recurring = report.phases.flatMap(phase => phase.steps.flatMap(step => (step.recurring ? [{step, recurring: step.recurring}] : [])));
	if (recurring.length > 0) {
		lines.push('', 'Recurring checkpoints');
		lines.push(...recurring.map(({step, recurring: {occurrences, nextDue}}) => {
			const last = occurrences.at(-1);
			return `  ${step.id}: ${occurrences.length} time${occurrences.length === 1 ? '' : 's'}${last ? `, last ${utc(last.at)} by ${last.by}, next due ${utc(nextDue ?? last.at)}` : ', not done yet: due now'}`;
		}));
	}

	if (report.notes.length > 0) {
		lines.push('', 'Session notes');
		lines.push(...report.notes.map(note => `  ${utc(note.at)} ${note.by}${note.stepId ? ` on ${note.stepId}` : ''}: ${note.text}`));
	}

	lines.push('', 'Resume', `  ${options.resumeCommand}`, '');
	return lines.join('\n');
}
