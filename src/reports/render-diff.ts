import {formatAge} from '../engine/staleness.js';
import {formatDateTime, type TimeZoneOption} from '../journal/format-time.js';
import type {RunDiff, RunRecord, StepChange, StepDiff} from './compute-diff.js';

const sections: Array<{change: StepChange; title: string; mark: string}> = [
	{change: 'newly-failing', title: 'Newly failing', mark: '✖'},
	{change: 'fixed', title: 'Fixed', mark: '✔'},
	{change: 'still-failing', title: 'Still failing', mark: '✖'},
	{change: 'changed', title: 'Changed', mark: '~'},
	{change: 'first-run', title: 'First run', mark: '·'},
];

/** The diff as an operator reads it: newly failing first, then fixed, still failing, the rest as counts. */
export function renderDiff(diff: RunDiff, options: TimeZoneOption = {}): string {
	const time = (iso: string) => formatDateTime(iso, options);
	const lines = [diff.since
		? `Changes since ${time(diff.since)}: each step's last result at or before then, against its latest result after`
		: 'Changes between the last two runs of each step'];
	for (const section of sections) {
		const steps = diff.steps.filter(step => step.change === section.change);
		if (steps.length === 0) {
			continue;
		}

		lines.push('', `${section.title} (${steps.length})`);
		for (const step of steps) {
			lines.push(`  ${section.mark} ${step.stepId}  ${describe(step, time)}`);
		}
	}

	const quiet = [
		diff.counts['still-passing'] > 0 ? `${diff.counts['still-passing']} still passing` : undefined,
		diff.counts['not-rerun'] > 0 ? `not re-run since: ${diff.steps.filter(step => step.change === 'not-rerun').map(step => step.stepId).join(', ')}` : undefined,
	].filter(Boolean);
	if (diff.steps.length === 0) {
		lines.push('', 'No check or command has run yet.');
	} else if (quiet.length > 0) {
		lines.push('', quiet.join(' · '));
	}

	return `${lines.join('\n')}\n`;
}

function describe(step: StepDiff, time: (iso: string) => string): string {
	const {before, after} = step;
	const run = (record: RunRecord) => `${record.state} ${time(record.at)}`;
	switch (step.change) {
		case 'newly-failing': {
			return `${run(before!)} → ${run(after!)}: ${after!.summary}`;
		}

		case 'fixed': {
			const lasted = step.failingSince ? ` (failing for ${formatAge((Date.parse(after!.at) - Date.parse(step.failingSince)) / 1000)})` : '';
			return `${run(before!)} → ${run(after!)}${lasted}: ${after!.summary}`;
		}

		case 'still-failing': {
			return `failing since ${time(step.failingSince ?? after!.at)}, last ${run(after!)}: ${after!.summary}`;
		}

		default: {
			return before ? `${run(before)} → ${run(after!)}: ${after!.summary}` : `${run(after!)}: ${after!.summary}`;
		}
	}
}
