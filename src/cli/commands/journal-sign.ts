import {existsSync, readFileSync, rmSync} from 'node:fs';
import {verifyJournal} from '../../journal/verify.js';
import {readJournal} from '../../store/journal.js';
import {sessionPaths} from '../../store/session-paths.js';
import {writeFileDurably} from '../../store/durable-write.js';
import {UsageError} from '../args.js';
import {loadCliRunbook, type CliContext} from '../context.js';

/*
Signing the journal head with the engineer's SSH key (`ssh-keygen -Y sign`, the mechanism git uses
for signed commits): a rewrite that re-chains every hash still passes the chain check, but it cannot
produce the signed head again without the key. The head text and its signature live beside the
journal; `journal verify --allowed-signers FILE` checks the signature, then that the journal still
holds that head.
*/

const namespace = 'azs-runbook-journal';

export function headFiles(journal: string): {head: string; signature: string} {
	return {head: `${journal}.head`, signature: `${journal}.head.sig`};
}

function headText(session: string, seq: number, hash: string, signer: string): string {
	return `azs-runbook journal head ${session} ${seq}:${hash} signer ${signer}\n`;
}

export function parseHeadText(text: string): {session: string; seq: number; hash: string; signer: string} | undefined {
	const match = /^azs-runbook journal head (\S+) (\d+):([0-9a-f]{64}) signer (\S+)\n$/.exec(text);
	return match ? {session: match[1]!, seq: Number(match[2]), hash: match[3]!, signer: match[4]!} : undefined;
}

async function sshKeygen(args: string[], input?: string) {
	const {execa} = await import('execa');
	return execa('ssh-keygen', args, {reject: false, timeout: 60_000, windowsHide: true, ...(input === undefined ? {stdin: 'ignore' as const} : {input})});
}

/** `journal sign --identity KEY [--signer NAME]`: signs the current, verified head. */
export async function journalSign(context: CliContext): Promise<number> {
	const key = context.args.identity;
	if (!key) {
		throw new UsageError('journal sign: give your SSH private key with --identity FILE (the one your allowed-signers file names)');
	}

	const signer = context.args.signer ?? context.operator;
	if (!/^[\w.@+-]+$/.test(signer)) {
		throw new UsageError(`--signer must be one word as in your allowed-signers file (e.g. alice@contoso.com), not "${signer}"`);
	}

	const verdict = verifyJournal(context.stateDir, context.args.session, (await loadCliRunbook(context)).runbook);
	if (!verdict.ok) {
		context.out(`journal FAILS verification: ${verdict.problem?.message ?? 'unknown problem'}; nothing signed`);
		return 3;
	}

	const journal = sessionPaths(context.stateDir, context.args.session).journal;
	const last = readJournal(journal).entries.at(-1);
	if (!last) {
		throw new UsageError('journal sign: the journal is empty; there is nothing to sign yet');
	}

	const files = headFiles(journal);
	writeFileDurably(files.head, headText(context.args.session, last.seq, last.hash, signer));
	// ssh-keygen will not overwrite an existing signature: the old one belongs to the old head.
	rmSync(files.signature, {force: true});
	const signed = await sshKeygen(['-q', '-Y', 'sign', '-f', key, '-n', namespace, files.head]);
	if (signed.exitCode !== 0) {
		context.err(`azs-runbook: ssh-keygen could not sign with ${key}: ${String(signed.stderr).trim() || signed.shortMessage}`);
		return 3;
	}

	context.out(`signed journal head ${last.seq}:${last.hash} as ${signer} (${files.signature})`);
	context.out(`check it with: ${context.command(['journal', 'verify', '--allowed-signers'])} FILE   (FILE: "${signer} <public key>" lines, as for git)`);
	return 0;
}

/** Checks the signed head with an allowed-signers file; returns the head it proved, or why not. */
export async function verifySignedHead(journal: string, allowedSigners: string): Promise<{ok: true; head: string} | {ok: false; message: string}> {
	const files = headFiles(journal);
	if (!existsSync(files.head) || !existsSync(files.signature)) {
		return {ok: false, message: 'no signed head beside the journal (sign one with: azs-runbook journal sign --identity KEY)'};
	}

	const text = readFileSync(files.head, 'utf8');
	const head = parseHeadText(text);
	if (!head) {
		return {ok: false, message: `${files.head} is not a signed-head file`};
	}

	const verified = await sshKeygen(['-Y', 'verify', '-f', allowedSigners, '-I', head.signer, '-n', namespace, '-s', files.signature], text);
	if (verified.exitCode !== 0) {
		return {ok: false, message: `the signature of head ${head.seq}:${head.hash} does not verify for ${head.signer} with ${allowedSigners}: ${String(verified.stderr).trim() || String(verified.stdout).trim()}`};
	}

	return {ok: true, head: `${head.seq}:${head.hash}`};
}
