import path from 'node:path';
import {programVersion} from '../../install/version.js';
import {readSessionReadOnly, type ReadSession} from '../../journal/read-session.js';
import type {LoadedRunbook} from '../../runbook/load-runbook.js';
import {buildReport} from '../../reports/build-report.js';
import {redactReport} from '../../reports/redact.js';
import type {Report} from '../../reports/report-types.js';
import {renderHtml} from '../../reports/render-html.js';
import {renderJunit} from '../../reports/render-junit.js';
import {renderMarkdown} from '../../reports/render-markdown.js';
import type {RenderOptions} from '../../reports/render-options.js';
import {escapeControls} from '../../text/escape-controls.js';
import {UsageError} from '../args.js';
import {consoleText} from '../console-text.js';
import {loadCliRunbook, type CliContext} from '../context.js';
import {writeOutputFile} from '../output-file.js';

const formats = ['json', 'md', 'junit', 'html'] as const;
type ReportFormat = (typeof formats)[number];

/** The session read without its lock (works while the TUI holds it); a missing session is a usage error. */
export async function readCliSession(context: CliContext): Promise<{loaded: LoadedRunbook; read: ReadSession}> {
	const loaded = await loadCliRunbook(context);
	const read = readSessionReadOnly(context.stateDir, context.args.session, loaded.runbook);
	if (!read) {
		throw new UsageError(`no session "${context.args.session}" in ${context.stateDir}; list them with: azs-runbook sessions`);
	}

	if (read.disagreement) {
		// Includes a journal that fails its chain: the record this report rests on is in doubt.
		context.err(`warning: the saved state and its journal do not vouch for each other: ${read.disagreement}; run: ${context.command(['journal', 'verify'])}`);
	} else if (read.journal.problem) {
		context.err(`warning: the journal fails verification at line ${read.journal.problem.line}: ${read.journal.problem.message}; run: ${context.command(['journal', 'verify'])}`);
	}

	return {loaded, read};
}

/**
The verify command a report prints, written the way this tool was started and reaching this session, so it
runs when pasted; a redacted report (for support, who do not hold the session) keeps the generic form.
*/
export function renderOptionsFor(context: CliContext, journal: Report['journal']): RenderOptions {
	return journal.lastHash && !context.args.redact ? {journalVerify: context.command(['journal', 'verify', '--head', `${journal.entries}:${journal.lastHash}`])} : {};
}

/** The report of the session named on the command line, redacted when asked. */
export async function cliReport(context: CliContext): Promise<Report> {
	const {loaded, read} = await readCliSession(context);
	const report = buildReport(loaded, read.session, read.journal, {version: programVersion(), pendingEntries: read.pending});
	return context.args.redact ? redactReport(report) : report;
}

/** Writes to --out (mode 0600: reports hold addresses) or to standard output. */
export function emit(context: CliContext, raw: string, what: string): void {
	// A report is read with `cat` and `less -R` too: control characters from the session are escaped
	// (the \uXXXX notation keeps JSON valid and the same value).
	const out = context.args.out;
	if (!out) {
		// On a console without the glyphs, read on screen: ASCII stand-ins (a pipe or file keeps them).
		process.stdout.write(consoleText(raw, process.stdout));
		return;
	}

	const text = escapeControls(raw);

	writeOutputFile(out, text, context.stateDir, '--out');

	context.err(`wrote ${what} to ${out} (${Buffer.byteLength(text)} bytes)`);
}

/** The --format given (checked against `allowed`), else the one `byExtension` maps --out's extension to, else `fallback`. */
export function chooseFormat<F extends string>(context: CliContext, allowed: readonly F[], byExtension: Record<string, F>, fallback: F): F {
	const given = context.args.format;
	if (given !== undefined) {
		if (!(allowed as readonly string[]).includes(given)) {
			throw new UsageError(`--format must be one of ${allowed.join(', ')}, not "${given}"`);
		}

		return given as F;
	}

	const extension = context.args.out ? path.extname(context.args.out).toLowerCase() : '';
	return byExtension[extension] ?? fallback;
}

/** Renders a report in one format. */
export function renderReport(report: Report, format: ReportFormat, options: RenderOptions = {}): string {
	switch (format) {
		case 'json': {
			return `${JSON.stringify(report, null, 2)}\n`;
		}

		case 'md': {
			return renderMarkdown(report, options);
		}

		case 'junit': {
			return renderJunit(report);
		}

		case 'html': {
			return renderHtml(report, options);
		}
	}
}

/**
`report [--format json|md|junit|html] [--out FILE] [--redact]`: the session's report; the format
defaults to the --out extension (.json, .xml) or Markdown. Reads only; takes no lock.
*/
export async function reportCommand(context: CliContext): Promise<number> {
	if (context.args.positionals.length > 0) {
		throw new UsageError('usage: azs-runbook report [--format json|md|junit|html] [--out FILE] [--redact]');
	}

	const format = chooseFormat(context, formats, {'.json': 'json', '.xml': 'junit', '.html': 'html', '.htm': 'html'}, 'md');
	const report = await cliReport(context);
	emit(context, renderReport(report, format, renderOptionsFor(context, report.journal)), `the ${format} report`);
	return 0;
}
