import {renderHandover} from '../../reports/render-handover.js';
import {UsageError} from '../args.js';
import type {CliContext} from '../context.js';
import {suggestCommand} from '../suggested-command.js';
import {cliReport, emit} from './report.js';

/** `handover [--out FILE] [--redact]`: one page for the next engineer or shift. Reads only. */
export async function handoverCommand(context: CliContext): Promise<number> {
	if (context.args.positionals.length > 0) {
		throw new UsageError('usage: azs-runbook handover [--out FILE] [--redact]');
	}

	// A redacted hand-over goes to support, who do not resume: leave out paths and addresses that may name the site,
	// and the session's own name (its token from the redacted report is shown instead).
	const report = await cliReport(context);
	const {training} = context.locator();
	const resumeCommand = context.args.redact
		? `${suggestCommand({session: report.session.name, ...(training ? {training} : {})}, [])}   (session name, state directory, runbook, CA and resolver left out: redacted)`
		: context.command([]);
	emit(context, renderHandover(report, {resumeCommand}), 'the hand-over');
	return 0;
}
