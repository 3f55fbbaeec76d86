import {formatAge} from '../engine/staleness.js';
import type {FaultOutcome, TraineeSummary} from './summary.js';

const outcomeWords: Record<FaultOutcome, string> = {
	fixed: 'found and fixed',
	escalated: 'found and escalated to the right team',
	'escalated-elsewhere': 'found, but escalated to the wrong team',
	overridden: 'found, then overridden',
	open: 'found, not resolved yet',
	'not-run': 'missed: the check was never run',
	'not-seen': 'missed: never seen failing',
};

/** The instructor's page for one trainee, plain text. */
export function renderSummary(summary: TraineeSummary): string[] {
	const lines = [
		`TRAINING SUMMARY · trainee ${summary.trainee} · scenario ${summary.scenario} · session ${summary.session}`,
		`started ${summary.startedAt}, last activity ${summary.lastActivity}`,
		'',
		`Faults: ${summary.found} found, ${summary.missed} missed`,
	];
	for (const fault of summary.faults) {
		const seen = fault.seen ? ` saw ${fault.seen}${fault.owner ? ` (${fault.owner})` : ''};` : '';
		const expected = fault.expected ? ` [scenario: ${fault.expected}]` : ' [not in the scenario]';
		const escalated = fault.escalatedTo && fault.outcome !== 'escalated' ? ` (to ${fault.escalatedTo})` : '';
		lines.push(`  ${fault.stepId}:${seen} ${outcomeWords[fault.outcome]}${escalated}${expected}`);
	}

	lines.push('', 'Time per phase (first to last action):');
	for (const phase of summary.phases) {
		lines.push(`  ${phase.title.padEnd(26)} ${formatAge(phase.activeMs / 1000).padStart(8)}  (${phase.actions} action${phase.actions === 1 ? '' : 's'})`);
	}

	if (summary.phases.length === 0) {
		lines.push('  nothing done yet');
	}

	const hinted = Object.entries(summary.hints.perStep);
	lines.push('', `Hints used: ${summary.hints.total}${hinted.length > 0 ? ` (${hinted.map(([stepId, count]) => `${stepId} ${count}`).join(', ')})` : ''}`);
	const wrong = summary.overrides.filter(override => override.whereFixExpected);
	lines.push(`Overrides: ${summary.overrides.length}, of which ${wrong.length} where a fix was expected`);
	for (const override of summary.overrides) {
		lines.push(`  ${override.whereFixExpected ? '!' : ' '} ${override.stepId}: "${override.reason}" (${override.by})`);
	}

	const changes = summary.conditionChanges.filter(change => change.action !== 'start');
	if (changes.length > 0) {
		lines.push('', 'Site changes by the instructor:');
		for (const change of changes) {
			lines.push(`  ${change.at} ${change.by} ${change.action === 'inject' ? 'injected' : 'cleared'} ${change.name}`);
		}
	}

	return lines;
}
