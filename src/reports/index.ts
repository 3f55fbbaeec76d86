/*
The evidence and report API, for the CLI and the TUI. Everything here is pure except
readSessionReadOnly and verifyJournal, which read files (never write, never lock), so a TUI that
holds the session can call any of it.

	const read = readSessionReadOnly(stateDir, name, loaded.runbook);      // state + journal, no lock
	// or, inside the TUI: the controller's session and readJournal(store.paths.journal)
	const report = buildReport(loaded, read.session, read.journal, {version});
	renderMarkdown(report); renderJunit(report); JSON.stringify(report);   // report --format md|junit|json
	renderHandover(report, {resumeCommand});                               // handover
	redactReport(report);                                                  // --redact, before rendering
	formatJournal(read.journal.entries, {all: false});                     // journal: "08:12 alice set …"
	verifyJournal(stateDir, name, loaded.runbook);                         // journal verify
	const diff = computeDiff(read.journal.entries, {since});              // diff [--since]
	renderDiff(diff);

The report model (Report) is what every view renders; its JSON Schema is schemas/report.schema.json.
*/
export {buildReport, type BuildReportOptions, type ReportJournal} from './build-report.js';
export {computeDiff, runsFromJournal, type RunDiff, type RunRecord, type StepChange, type StepDiff} from './compute-diff.js';
export {parseSince} from './parse-since.js';
export {Redactor, redactReport} from './redact.js';
export {renderDiff} from './render-diff.js';
export {renderHandover, type HandoverOptions} from './render-handover.js';
export {renderJunit} from './render-junit.js';
export {renderMarkdown} from './render-markdown.js';
export {reportVersion, type Report, type ReportBlocker, type ReportPhase, type ReportStep} from './report-types.js';
export {describeAction, formatJournal, type JournalViewOptions} from '../journal/show.js';
export {readSessionReadOnly, type ReadSession} from '../journal/read-session.js';
export {rebuildSession, RebuildError} from '../journal/rebuild.js';
export {verifyJournal, type JournalVerdict} from '../journal/verify.js';
