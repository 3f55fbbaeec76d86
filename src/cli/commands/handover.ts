import path from 'node:path';
import {renderHandover} from '../../reports/render-handover.js';
import {UsageError} from '../args.js';
import type {CliContext} from '../context.js';
import {cliReport, emit} from './report.js';

/** A word safe to paste into a shell, quoted when it has to be. */
function shellWord(word: string): string {
	return /^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}

/** The command that continues this session with the same runbook and state directory. */
export function resumeCommandFor(context: CliContext): string {
	const {args} = context;
	const parts = ['azs-runbook', '--session', args.session];
	if (args.runbook) {
		parts.push('--runbook', path.resolve(args.runbook));
	}

	if (args.stateDir) {
		parts.push('--state-dir', path.resolve(args.stateDir));
	}

	return parts.map(part => shellWord(part)).join(' ');
}

/** `handover [--out FILE] [--redact]`: one page for the next engineer or shift. Reads only. */
export async function handoverCommand(context: CliContext): Promise<number> {
	if (context.args.positionals.length > 0) {
		throw new UsageError('usage: azs-runbook handover [--out FILE] [--redact]');
	}

	// A redacted hand-over goes to support, who do not resume: the session's name (its token), runbook and state directory are left out.
	const report = cliReport(context);
	const resumeCommand = context.args.redact ? `azs-runbook --session ${report.session.name}   (session name, runbook and state directory left out: redacted)` : resumeCommandFor(context);
	emit(context, renderHandover(report, {resumeCommand}), 'the hand-over');
	return 0;
}
