import {formatJournal} from '../../journal/show.js';
import {sessionExists, verifyJournal} from '../../journal/verify.js';
import {readJournal} from '../../store/journal.js';
import {sessionPaths} from '../../store/session-paths.js';
import {UsageError} from '../args.js';
import {loadCliRunbook, type CliContext} from '../context.js';

const usage = 'usage: azs-runbook journal [--all] [--json] | azs-runbook journal verify [--json] | azs-runbook journal rebuild --yes';

/**
`journal`: every recorded action as time, who, what. `journal verify`: the hash chain and the saved
state against it; exit 0 when both hold, 3 (naming the first bad line) when not. Both read only.
`journal rebuild --yes`: the state rebuilt from the verified journal, both old files kept aside.
*/
export async function journalCommand(context: CliContext): Promise<number> {
	const [sub, ...rest] = context.args.positionals;
	if (rest.length > 0 || (sub !== undefined && sub !== 'verify' && sub !== 'rebuild')) {
		throw new UsageError(usage);
	}

	if (!sessionExists(context.stateDir, context.args.session)) {
		throw new UsageError(`no session "${context.args.session}" in ${context.stateDir}; list them with: azs-runbook sessions`);
	}

	if (sub === 'rebuild') {
		const {journalRebuild} = await import('./journal-rebuild.js');
		return journalRebuild(context);
	}

	return sub === 'verify' ? verify(context) : show(context);
}

function show(context: CliContext): number {
	const journal = readJournal(sessionPaths(context.stateDir, context.args.session).journal);
	if (context.args.json) {
		context.out(JSON.stringify(journal.entries, null, 2));
	} else {
		for (const line of formatJournal(journal.entries, {all: context.args.all})) {
			context.out(line);
		}
	}

	if (journal.problem) {
		context.err(`azs-runbook: the journal fails verification at line ${journal.problem.line}: ${journal.problem.message}; entries from there on are not shown`);
		return 3;
	}

	return 0;
}

function verify(context: CliContext): number {
	const verdict = verifyJournal(context.stateDir, context.args.session, loadCliRunbook(context).runbook);
	const file = sessionPaths(context.stateDir, context.args.session).journal;
	if (context.args.json) {
		context.out(JSON.stringify({journal: file, ...verdict}, null, 2));
	} else if (verdict.ok) {
		context.out(`journal ok: ${verdict.entries} entries, hash chain intact${verdict.stateAgrees ? ', the saved state agrees' : ''} (${file})`);
		for (const note of verdict.notes) {
			context.out(`note: ${note}`);
		}
	} else {
		const where = verdict.problem?.line === undefined ? '' : ` at line ${verdict.problem.line}`;
		context.out(`journal FAILS verification${where}: ${verdict.problem?.message ?? 'unknown problem'} (${file})`);
		context.out(`${verdict.entries} entr${verdict.entries === 1 ? 'y' : 'ies'} before it verify.`);
	}

	return verdict.ok ? 0 : 3;
}
