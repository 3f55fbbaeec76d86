import {readdirSync} from 'node:fs';
import {UsageError} from '../../cli/args.js';
import {loadCliRunbook, type CliContext} from '../../cli/context.js';
import {readSessionReadOnly} from '../../journal/read-session.js';
import {renderSummary} from '../render-summary.js';
import {traineeSummary, type TraineeSummary} from '../summary.js';
import {requireTrainingState, trainingDirOf} from './training-context.js';

/** The sessions of the training directory that have a simulated site (the exercises). */
function exercises(trainingDir: string): string[] {
	try {
		return readdirSync(trainingDir).flatMap(file => /^conditions-(.+)\.json$/.exec(file)?.[1] ?? []).sort();
	} catch {
		return [];
	}
}

/** `train summary [SESSION…]`: per trainee, faults found, time per phase, hints and overrides. Read-only. */
export async function summaryCommand(context: CliContext): Promise<number> {
	const trainingDir = trainingDirOf(context);
	const named = context.args.positionals.slice(1);
	const sessions = named.length > 0 ? named : exercises(trainingDir);
	if (sessions.length === 0) {
		context.out(`No training sessions in ${trainingDir}. Start one with: ${context.command(['train', 'start'])} SCENARIO --trainee NAME`);
		return 0;
	}

	const {runbook} = await loadCliRunbook(context);
	const summaries: TraineeSummary[] = sessions.map(session => {
		const state = requireTrainingState(context, session);
		const read = readSessionReadOnly(trainingDir, session, runbook);
		if (!read) {
			throw new UsageError(`training session "${session}" has no saved state or journal in ${trainingDir}`);
		}

		return traineeSummary(runbook, read.session, read.journal.entries, state);
	});
	if (context.args.json) {
		context.out(JSON.stringify(summaries, null, 2));
		return 0;
	}

	context.out(summaries.map(summary => renderSummary(summary).join('\n')).join('\n\n'));
	return 0;
}
