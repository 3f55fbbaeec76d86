import {formatAge} from '../engine/staleness.js';
import {escapeControls} from '../text/escape-controls.js';
import {describeOutcome, describeVantage, describeWaived, describeWaiting, formatValue, groupOf, utc, type StepGroup} from './describe-step.js';
import {evidenceRows} from './evidence-rows.js';
import {networkMap, verdictMarks, verdictWords} from './network-map.js';
import {pathCaption, renderNetworkSvg, verdictColours} from './render-network-svg.js';
import type {Report, ReportPhase, ReportStep} from './report-types.js';
import {xmlAttr, xmlText} from './xml.js';
import {journalVerifyCommand, type RenderOptions} from './render-options.js';

/*
The report as one self-contained HTML file: inline CSS and SVG, no script, no external reference of
any kind (no link, image, font or URL), so it opens the same from a USB stick, a ticket or an e-mail
attachment with the network off. Evidence is collapsible with <details>, which needs no script.
Every value is untrusted: control characters are made visible first, then markup is escaped.
*/

const html = (value: string) => xmlText(escapeControls(value));
const attr = (value: string) => xmlAttr(escapeControls(value, 'line'));

const stateMarks: Record<StepGroup, string> = {failed: '✖', stale: '↻', pending: '·', overridden: '⚑', skipped: '–', 'not-applicable': '∅', done: '✔'};
const stateWords: Record<StepGroup, string> = {failed: 'failed', stale: 'must re-run', pending: 'pending', overridden: 'overridden', skipped: 'skipped', 'not-applicable': 'not applicable', done: 'done'};

const css = `
body{font:15px/1.45 system-ui,sans-serif;color:#24292f;margin:24px auto;max-width:1060px;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
code,.mono{font-family:ui-monospace,monospace;font-size:13px}
.training{background:#fff8c5;border:2px solid #9a6700;padding:8px;font-weight:700}
.headline{font-size:18px;font-weight:700}
details{border:1px solid #d0d7de;border-radius:6px;margin:6px 0;padding:4px 10px}
summary{cursor:pointer;font-weight:600}
.step-failed summary,.fail{color:#cf222e}.step-overridden summary{color:#9a6700}.step-stale summary{color:#8250df}
.step-done summary{color:#1a7f37}.step-pending summary,.step-skipped summary,.step-not-applicable summary{color:#57606a}
.evidence td{font-family:ui-monospace,monospace;font-size:12px}
.figure{overflow-x:auto;border:1px solid #d0d7de;border-radius:6px;padding:8px;background:#ffffff}
.verify{background:#f6f8fa;padding:8px;border-radius:6px}
`;

function metaTable(report: Report, options: RenderOptions): string {
	const {journal} = report;
	const head = journal.lastHash ? `${journal.entries}:${journal.lastHash}` : 'no entries yet';
	const rows: Array<[string, string]> = [
		['Session', `<code>${html(report.session.name)}</code>`],
		['Runbook', `<code>${html(report.runbook.id)}</code> version ${html(report.runbook.version)} (<code>${html(report.runbook.hash.slice(0, 12))}</code>)`],
		['Started', html(utc(report.session.createdAt))],
		['Last activity', html(utc(report.session.updatedAt))],
		['Generated', `${html(utc(report.generatedAt))} by azs-runbook ${html(report.generator.version)}`],
		['Journal', `${journal.entries} entries, ${journal.verified ? 'hash chain verified' : `<strong class="fail">fails verification at line ${journal.problem?.line ?? '?'}: ${html(journal.problem?.message ?? '')}</strong>`}`],
	];
	if (report.redacted) {
		rows.push(['Redacted', 'yes: IP addresses, domains, tenant and host names are replaced by tokens']);
	}

	return [
		'<table class="meta">',
		...rows.map(([key, value]) => `<tr><th>${key}</th><td>${value}</td></tr>`),
		'</table>',
		`<p class="verify" id="journal-head">Journal head: <code>${html(head)}</code><br>Verify with <code>${html(journal.lastHash ? journalVerifyCommand(journal.entries, journal.lastHash, options) : 'azs-runbook journal verify')}</code> on the machine that holds the session: it proves the journal still holds this head.</p>`,
	].join('\n');
}

function summarySection(report: Report): string {
	const s = report.summary;
	const parts = [`<h2 id="summary">Summary</h2>`, `<p class="headline">${html(s.headline)}</p>`, `<p>${s.satisfied} of ${s.steps} steps satisfied (${s.passed} passed or done), ${s.failed} failed, ${s.overridden} overridden, ${s.stale} must re-run, ${s.skipped} skipped, ${s.pending} pending.</p>`];
	if (s.next) {
		parts.push(`<p><strong>Next step:</strong> ${html(s.next.phaseTitle)} › ${html(s.next.stepTitle)} (<code>${html(s.next.stepId)}</code>)</p>`);
	}

	if (report.blockers.length > 0) {
		parts.push('<h3>Needs action</h3>', '<table><tr><th>Step</th><th>State</th><th>Who must act</th><th>What to do</th></tr>');
		for (const blocker of report.blockers) {
			const action = blocker.remediation ?? (blocker.stale ? 're-run the step' : blocker.summary ?? '');
			parts.push(`<tr><td>${html(blocker.title)} (<code>${html(blocker.stepId)}</code>)</td><td>${blocker.stale ? 'must re-run' : html(blocker.state)}</td><td>${html(blocker.owner)}</td><td>${html(action)}</td></tr>`);
		}

		parts.push('</table>');
	}

	return parts.join('\n');
}

function networkSection(report: Report): string {
	const map = networkMap(report);
	const list = map.paths.map(path => `<li data-path="${attr(path.id)}" style="color:${verdictColours[path.verdict]}">${html(`${path.source.label}${path.source.address ? ` ${path.source.address}` : ''} → ${path.destination.label}${path.destination.address ? ` ${path.destination.address}` : ''}: ${pathCaption(path)}`)}</li>`);
	return [
		'<h2 id="network">Where traffic goes, and where it dies</h2>',
		`<p>Each path shows its latest verdict (${(['pass', 'warn', 'fail', 'not-run', 'stale'] as const).map(verdict => `${verdictMarks[verdict]} ${verdictWords[verdict]}`).join(', ')}); a failing path is cut where it dies and names the failing layer and the team that fixes it.</p>`,
		`<div class="figure">${renderNetworkSvg(map)}</div>`,
		`<ul class="paths">${list.join('')}</ul>`,
	].join('\n');
}

function evidenceTable(step: ReportStep): string {
	const rows = evidenceRows(step.check?.evidence ?? []);
	if (rows.length === 0) {
		return '';
	}

	const body = rows.map(row => `<tr class="${row.ok ? 'ok' : 'fail'}"><td>${row.secondLook ? '· second look' : row.ok ? '✔ ok' : '✖ failed'}</td><td>${html(row.target)}</td><td>${html(row.kind)}</td><td>${html(row.outcome)}</td></tr>`);
	return `<table class="evidence"><tr><th></th><th>Probe</th><th>Kind</th><th>Outcome</th></tr>${body.join('')}</table>`;
}

function stepDetails(step: ReportStep, report: Report): string {
	const group = groupOf(step);
	const items: string[] = [];
	const outcome = group === 'pending' ? describeWaiting(step) : group === 'skipped' ? `skipped${step.skipped ? ` by ${step.skipped.by}, ${utc(step.skipped.at)}: ${step.skipped.reason}` : `: ${step.check?.summary ?? 'no reason recorded'}`}` : group === 'not-applicable' ? step.notApplicable ?? 'not applicable' : describeOutcome(step, report);
	items.push(`<p>${html(outcome)}</p>`);
	if (step.owner && (group === 'failed' || group === 'pending')) {
		items.push(`<p><strong>Who must act:</strong> ${html(step.owner)}</p>`);
	}

	if (step.check?.remediation && group !== 'done') {
		items.push(`<p><strong>Remediation:</strong> ${html(step.check.remediation)}</p>`);
	}

	if (step.override) {
		const override = report.overrides.find(candidate => candidate.stepId === step.id);
		const waived = override ? describeWaived(override) : undefined;
		items.push(`<p class="override"><strong>⚑ Overridden</strong> by ${html(step.override.by)}, ${html(utc(step.override.at))}: “${html(step.override.reason)}”.${step.resultState ? ` The result was ${html(step.resultState)}.` : ''}${waived ? ` ${html(waived)}` : ''}</p>`);
	}

	if (step.stale) {
		items.push(`<p><strong>↻ Stale, must re-run:</strong> ${html(step.stale.reason)} (${html(utc(step.stale.at))})</p>`);
	}

	if (step.failingSince) {
		items.push(`<p>Failing since ${html(utc(step.failingSince))}</p>`);
	}

	if (step.fixedAfterMs !== undefined) {
		items.push(`<p>Fixed after ${html(formatAge(step.fixedAfterMs / 1000))}</p>`);
	}

	const vantage = describeVantage(step);
	if (vantage) {
		items.push(`<p>Measured ${html(vantage)}</p>`);
	}

	if (step.sources && step.sources.length > 0) {
		items.push(`<p>Why we check this: ${html(step.sources.join('; '))}</p>`);
	}

	items.push(evidenceTable(step));
	if (step.command && step.command.output.length > 0) {
		items.push(`<pre class="mono">${html(step.command.output.split('\n').slice(-40).join('\n'))}</pre>`);
	}

	const open = group === 'failed' ? ' open' : '';
	return `<details class="step step-${group}" data-step="${attr(step.id)}" data-state="${attr(step.state)}"${open}><summary>${stateMarks[group]} ${html(step.title)} <code>${html(step.id)}</code> — ${stateWords[group]}${step.blocking ? '' : ' (not blocking)'}</summary>${items.join('')}</details>`;
}

function phaseSection(phase: ReportPhase, index: number, report: Report): string {
	const {passed, total, skipped, stale} = phase.counts;
	const parts = [`<section class="phase" data-phase="${attr(phase.id)}" id="phase-${attr(phase.id)}">`, `<h2>${index + 1}. ${html(phase.title)}: ${html(phase.status)} (${passed}/${total}${stale ? `, ${stale} must re-run` : ''}${skipped ? `, ${skipped} skipped` : ''})</h2>`];
	if (phase.lockReason) {
		parts.push(`<p>Blocked: this phase is ${html(phase.lockReason)}.</p>`);
	}

	// Failures first, then what must re-run, what waits, what was waived, skipped, done.
	const order: StepGroup[] = ['failed', 'stale', 'pending', 'overridden', 'skipped', 'not-applicable', 'done'];
	for (const group of order) {
		parts.push(...phase.steps.filter(step => groupOf(step) === group).map(step => stepDetails(step, report)));
	}

	parts.push('</section>');
	return parts.join('\n');
}

function overridesSection(report: Report): string {
	if (report.overrides.length === 0) {
		return '<h2 id="overrides">Overrides in force</h2><p>None.</p>';
	}

	const rows = report.overrides.map(override => `<tr><td>${html(override.title)} (<code>${html(override.stepId)}</code>)</td><td>${html(override.by)}, ${html(utc(override.at))}</td><td>${html(override.reason)}${override.stale ? ` <strong>(stale: ${html(override.stale)}; no longer in force until re-run)</strong>` : ''}</td><td>${html(override.remediation ?? '')}</td><td>${html(override.owner ?? '')}</td></tr>`);
	return `<h2 id="overrides">Overrides in force</h2><table><tr><th>Step</th><th>Who, when</th><th>Why</th><th>Waived fix</th><th>Owner of the fix</th></tr>${rows.join('')}</table>`;
}

function notesSection(report: Report): string {
	if (report.notes.length === 0) {
		return '';
	}

	const rows = report.notes.map(note => `<tr><td>${html(utc(note.at))}</td><td>${html(note.by)}</td><td>${note.stepId ? `${html(note.stepTitle ?? note.stepId)} (<code>${html(note.stepId)}</code>)` : 'the session'}</td><td>${html(note.text)}</td></tr>`);
	return `<h2 id="notes">Session notes</h2><table><tr><th>When</th><th>Who</th><th>Step</th><th>Note</th></tr>${rows.join('')}</table>`;
}

function inputsSection(report: Report): string {
	const rows = report.inputs.map(input => `<tr><td>${html(input.title)} (<code>${html(input.name)}</code>)</td><td>${input.value === undefined ? '<em>not entered</em>' : html(formatValue(input.value))}</td><td>${input.frozen ? 'frozen' : ''}</td></tr>`);
	return `<h2 id="inputs">Inputs</h2><table><tr><th>Input</th><th>Value</th><th></th></tr>${rows.join('')}</table>`;
}

/** The report as one self-contained HTML document. */
export function renderHtml(report: Report, options: RenderOptions = {}): string {
	const title = `Deployment report: ${report.runbook.title}: ${report.summary.headline}`;
	return [
		'<!DOCTYPE html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${html(title)}</title>`,
		`<style>${css}</style>`,
		'</head>',
		'<body>',
		...(report.training ? [`<p class="training">TRAINING SESSION: not a real deployment. Scenario ${html(report.training.scenario)}, trainee ${html(report.training.trainee)}.</p>`] : []),
		`<h1>${html(title)}</h1>`,
		metaTable(report, options),
		summarySection(report),
		networkSection(report),
		...report.phases.map((phase, index) => phaseSection(phase, index, report)),
		overridesSection(report),
		notesSection(report),
		inputsSection(report),
		`<p><small>Made by azs-runbook ${html(report.generator.version)}, ${html(utc(report.generatedAt))}. This file makes no network request and runs no script.</small></p>`,
		'</body>',
		'</html>',
		'',
	].join('\n');
}
