import {formatAge} from '../engine/staleness.js';
import {isExerciseFault, type FaultOutcome, type FaultReport, type TraineeSummary} from './summary.js';

const outcomeWords: Record<FaultOutcome, string> = {
	fixed: 'found and fixed',
	escalated: 'found and escalated to the right team',
	'escalated-elsewhere': 'found, but escalated to the wrong team',
	overridden: 'found, then overridden',
	open: 'found, not resolved yet',
	'not-run': 'never run: the check was not run',
	'not-seen': 'missed: run, but never seen failing',
};

/** The instructor's page for one trainee, plain text. */
export function renderSummary(summary: TraineeSummary): string[] {
	const lines = [
		`TRAINING SUMMARY · trainee ${summary.trainee} · scenario ${summary.scenario} · session ${summary.session}`,
		`started ${summary.startedAt}, last activity ${summary.lastActivity}`,
		'',
		`Faults in the exercise: ${summary.found + summary.missed + summary.neverRun} — ${summary.found} found (${summary.handled} fixed or escalated to the right team), ${summary.missed} missed, ${summary.neverRun} never run`,
	];
	const line = (fault: FaultReport) => {
		const seen = fault.seen ? ` saw ${fault.seen}${fault.owner ? ` (${fault.owner})` : ''};` : '';
		const origin = fault.expected ? ` [scenario: ${fault.expected}]` : fault.injected ? ` [injected by the instructor: ${fault.injected.join(', ')}]` : '';
		const escalated = fault.escalatedTo && fault.outcome !== 'escalated' ? ` (to ${fault.escalatedTo})` : '';
		return `  ${fault.stepId}:${seen} ${outcomeWords[fault.outcome]}${escalated}${origin}`;
	};

	lines.push(...summary.faults.filter(fault => isExerciseFault(fault)).map(line));
	if (summary.outside > 0) {
		lines.push('', `Other failures the trainee met (not part of the exercise): ${summary.outside}`, ...summary.faults.filter(fault => !isExerciseFault(fault)).map(line));
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
