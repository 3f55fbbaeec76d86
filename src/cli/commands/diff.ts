import {computeDiff} from '../../reports/compute-diff.js';
import {parseSince} from '../../reports/parse-since.js';
import {renderDiff} from '../../reports/render-diff.js';
import {readJournal} from '../../store/journal.js';
import {sessionPaths} from '../../store/session-paths.js';
import {UsageError} from '../args.js';
import type {CliContext} from '../context.js';

/**
`diff [--since TIME] [--json]`: per check and command step, what changed between runs (newly
failing, fixed, still failing), from the journal alone. Reads only.
*/
export async function diffCommand(context: CliContext): Promise<number> {
	if (context.args.positionals.length > 0) {
		throw new UsageError('usage: azs-runbook diff [--since TIME] [--json]   (TIME: 2026-01-05T09:30Z, 09:30 today, or an age such as 2h)');
	}

	let since: string | undefined;
	if (context.args.since !== undefined) {
		since = parseSince(context.args.since);
		if (!since) {
			throw new UsageError(`--since must be a time such as 2026-01-05T09:30Z, 09:30 (today) or an age such as 90m, 2h, 1d; not "${context.args.since}"`);
		}
	}

	const journal = readJournal(sessionPaths(context.stateDir, context.args.session).journal);
	if (journal.entries.length === 0) {
		throw new UsageError(`no journal for session "${context.args.session}" in ${context.stateDir}`);
	}

	if (journal.problem) {
		context.err(`warning: the journal fails verification at line ${journal.problem.line}: ${journal.problem.message}; entries from there on are not compared`);
	}

	const diff = computeDiff(journal.entries, since === undefined ? {} : {since});
	// Training evidence must never read as a real site's: every journal entry of a training session says so.
	const training = journal.entries.some(entry => entry.training === true);
	if (context.args.json) {
		context.out(JSON.stringify(training ? {training: true, ...diff} : diff, null, 2));
	} else {
		context.out(`${training ? 'TRAINING — simulated site, not deployment evidence\n' : ''}${renderDiff(diff).trimEnd()}`);
	}
	return 0;
}
