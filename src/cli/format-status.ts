import type {StatusView} from '../engine/status.js';
import {describeRecurring} from '../engine/recurring.js';
import {describeStanding} from '../engine/vantage-standing.js';
import {phaseMarks} from './marks.js';

/** Plain-text status for terminals without the TUI, logs and hand-overs. */
export function formatStatus(view: StatusView, now = new Date()): string {
	const lines: string[] = [];
	// What the trainee sees: the scenario's name would give the answer away (train summary names it).
	const training = view.training ? `  [TRAINING, trainee ${view.training.trainee}]` : '';
	lines.push(`Session "${view.session}" · runbook ${view.runbookId} · last activity ${view.updatedAt}${training}`, '');
	for (const [index, phase] of view.phases.entries()) {
		const {passed, failed, total, notApplicable, skipped, stale} = phase.counts;
		const pointer = phase.current ? '›' : ' ';
		const extra = `${failed ? `, ${failed} failed` : ''}${stale ? `, ${stale} must re-run` : ''}${skipped ? `, ${skipped} skipped` : ''}${notApplicable ? `, ${notApplicable} not applicable` : ''}`;
		lines.push(`${pointer} ${phaseMarks[phase.word]} ${String(index + 1).padStart(2)}. ${phase.title} — ${phase.word} (${passed}/${total} done${extra})`);
		if (phase.lockReason && (index === 0 || view.phases[index - 1]?.word !== 'locked')) {
			lines.push(`        ${phase.lockReason}`);
		}
	}

	lines.push('');
	if (view.next) {
		lines.push(`Next: ${view.next.phaseTitle} › ${view.next.stepTitle} (${view.next.stepId})`);
	} else if (view.complete) {
		lines.push('All phases are complete.');
	}

	if (view.frozenInputs.length > 0) {
		lines.push(`Frozen inputs: ${view.frozenInputs.join(', ')}`);
	}

	for (const override of view.overrides) {
		lines.push(override.stale
			? `Override on a stale result (no longer in force, must re-run): ${override.stepId} by ${override.by} at ${override.at}: ${override.reason}`
			: `Override in force: ${override.stepId} by ${override.by} at ${override.at}: ${override.reason}`);
	}

	for (const stale of view.stale) {
		lines.push(`Must re-run: ${stale.stepId} (${stale.reason})`);
	}

	if (view.vantages.length > 0) {
		lines.push('Where results were proven:');
		for (const standing of view.vantages) {
			lines.push(`  ${describeStanding(standing)}`);
		}
	}

	for (const recurring of view.recurring) {
		lines.push(`Recurring: ${recurring.stepId} ${describeRecurring(recurring, now)}`);
	}

	for (const skipped of view.notApplicable) {
		lines.push(`Not applicable: ${skipped.stepId} (${skipped.reason})`);
	}

	return lines.join('\n');
}
