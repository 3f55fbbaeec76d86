import {formatJournal} from '../../journal/show.js';
import {sessionExists, verifyJournal} from '../../journal/verify.js';
import {readJournal} from '../../store/journal.js';
import {sessionPaths} from '../../store/session-paths.js';
import {UsageError} from '../args.js';
import {loadCliRunbook, type CliContext} from '../context.js';

const usage = 'usage: azs-runbook journal [--all] [--json] | azs-runbook journal verify [--head SEQ:HASH] [--allowed-signers FILE] [--json] | azs-runbook journal sign --identity KEY [--signer NAME] | azs-runbook journal rebuild --yes';

/**
`journal`: every recorded action as time, who, what. `journal verify`: the hash chain and the saved
state against it; exit 0 when both hold, 3 (naming the first bad line) when not. Both read only.
`journal rebuild --yes`: the state rebuilt from the verified journal, both old files kept aside.
*/
export async function journalCommand(context: CliContext): Promise<number> {
	const [sub, ...rest] = context.args.positionals;
	if (rest.length > 0 || (sub !== undefined && sub !== 'verify' && sub !== 'rebuild' && sub !== 'sign')) {
		throw new UsageError(usage);
	}

	if (!sessionExists(context.stateDir, context.args.session)) {
		throw new UsageError(`no session "${context.args.session}" in ${context.stateDir}; list them with: azs-runbook sessions`);
	}

	if (sub === 'rebuild') {
		const {journalRebuild} = await import('./journal-rebuild.js');
		return journalRebuild(context);
	}

	if (sub === 'sign') {
		const {journalSign} = await import('./journal-sign.js');
		return journalSign(context);
	}

	if (sub === 'verify' && context.args.allowedSigners) {
		// The signed head first: its signature, then (below) that the journal still holds it.
		const {verifySignedHead} = await import('./journal-sign.js');
		const signed = await verifySignedHead(sessionPaths(context.stateDir, context.args.session).journal, context.args.allowedSigners);
		if (!signed.ok) {
			context.out(`journal FAILS verification: ${signed.message}`);
			return 3;
		}

		context.out(`signed head ${signed.head}: good signature`);
		return verify({...context, args: {...context.args, head: signed.head}});
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

/**
A hash chain alone catches accidents, not a rewrite (re-chaining after an edit passes). A head
(sequence and hash) written down elsewhere — printed by every verify — anchors it: the journal must
still hold exactly that entry.
*/
function checkHead(file: string, given: string): {ok: boolean; message: string} {
	const match = /^(\d+):([0-9a-f]{64})$/i.exec(given.trim());
	if (!match) {
		throw new UsageError(`--head must be SEQ:HASH as printed by "azs-runbook journal verify" (e.g. 12:3f…), not "${given}"`);
	}

	const seq = Number(match[1]);
	const hash = match[2]!.toLowerCase();
	const {entries} = readJournal(file);
	const entry = entries[seq - 1];
	if (!entry) {
		return {ok: false, message: `the journal no longer contains head ${seq}:${hash}: it has only ${entries.length} verifiable entries (truncated or rewritten)`};
	}

	return entry.hash === hash
		? {ok: true, message: `head ${seq}:${hash} is in the journal (${entries.length - seq} entries after it)`}
		: {ok: false, message: `the journal no longer contains head ${seq}:${hash}: entry ${seq} now has hash ${entry.hash} (the journal was rewritten)`};
}

async function verify(context: CliContext): Promise<number> {
	const verdict = verifyJournal(context.stateDir, context.args.session, (await loadCliRunbook(context)).runbook);
	const file = sessionPaths(context.stateDir, context.args.session).journal;
	const head = context.args.head === undefined ? undefined : checkHead(file, context.args.head);
	if (head && !head.ok) {
		context.out(`journal FAILS verification: ${head.message} (${file})`);
		return 3;
	}

	if (context.args.json) {
		context.out(JSON.stringify({journal: file, ...verdict}, null, 2));
	} else if (verdict.ok) {
		context.out(`journal ok: ${verdict.entries} entries, hash chain intact${verdict.stateAgrees ? ', the saved state agrees' : ''} (${file})`);
		const last = readJournal(file).entries.at(-1);
		if (last) {
			// Write this down (or sign it): a later --head check proves nothing before it was rewritten.
			context.out(`journal head ${last.seq}:${last.hash}`);
		}

		if (head) {
			context.out(head.message);
		}

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
