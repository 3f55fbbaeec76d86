import {formatAge} from '../engine/staleness.js';
import type {Report, ReportPhase, ReportStep} from './report-types.js';
import {describeOutcome, describeVantage, describeWaived, describeWaiting, formatValue, groupOf, utc, type StepGroup} from './describe-step.js';
import {evidenceRows} from './evidence-rows.js';
import {mdBlock, mdCode, mdText} from './markdown-text.js';
import {journalVerifyCommand, type RenderOptions} from './render-options.js';

const groupTitles: Record<StepGroup, string> = {
	failed: 'Failed',
	stale: 'Must re-run',
	pending: 'Pending',
	overridden: 'Overridden',
	skipped: 'Skipped',
	done: 'Done',
	'not-applicable': 'Not applicable here',
};

const groupOrder: StepGroup[] = ['failed', 'stale', 'pending', 'overridden', 'skipped', 'done', 'not-applicable'];

/** Lines of command output shown for a failed command; the JSON report keeps all of it. */
const outputLines = 20;

/**
The customer-readable report: what is done, pending, blocked (and who must act), overridden (why,
who, when), every failure with its remediation, where results were measured and which endpoint list
was used. Training sessions say so before anything else.
*/
export function renderMarkdown(report: Report, options: RenderOptions = {}): string {
	const lines: string[] = [`# Deployment report: ${mdText(report.runbook.title)}: ${mdText(report.summary.headline)}`, ''];
	if (report.training) {
		lines.push(`> **TRAINING SESSION: not a real deployment.** Scenario ${mdText(report.training.scenario)}, trainee ${mdText(report.training.trainee)}.`, '');
	}

	lines.push(
		'| | |',
		'|---|---|',
		`| Session | ${mdCode(report.session.name)} |`,
		`| Runbook | ${mdCode(report.runbook.id)} version ${mdText(report.runbook.version)} (${mdCode(report.runbook.hash.slice(0, 12))}) |`,
		`| Started | ${utc(report.session.createdAt)} |`,
		`| Last activity | ${utc(report.session.updatedAt)} |`,
		`| Generated | ${utc(report.generatedAt)} by azs-runbook ${mdText(report.generator.version)} |`,
		`| Journal | ${journalLine(report, options)} |`,
	);
	if (report.redacted) {
		lines.push('| Redacted | yes: IP addresses, domains, tenant and host names are replaced by tokens (IP-1, DOMAIN-1, …) |');
	}

	lines.push('', ...summary(report));
	for (const [index, phase] of report.phases.entries()) {
		lines.push('', ...renderPhase(phase, index, report));
	}

	lines.push('', ...recurringSection(report), ...notesSection(report), ...inputsSection(report), '', ...vantageSection(report), ...sourcesSection(report));
	return `${lines.join('\n')}\n`;
}

function journalLine(report: Report, options: RenderOptions): string {
	const {journal} = report;
	const base = `${journal.entries} entries, ${journal.verified ? 'hash chain verified' : `**fails verification at line ${journal.problem?.line}: ${mdText(journal.problem?.message ?? '')}**`}`;
	// The head anchors the journal: a rewrite that re-chains every hash still fails `journal verify --head`.
	const head = journal.lastHash ? `; head ${mdCode(`${journal.entries}:${journal.lastHash}`)} (check it later with ${mdCode(journalVerifyCommand(journal.entries, journal.lastHash, options))})` : '';
	return journal.pendingEntries > 0 ? `${base}${head}; ${journal.pendingEntries} replayed ahead of the saved state` : `${base}${head}`;
}

function summary(report: Report): string[] {
	const {summary: s} = report;
	// Skips and overrides satisfy a step without passing it: the count says so, never folds them into "passed".
	const counts = [`${s.satisfied} of ${s.steps} steps satisfied (${s.passed} passed or done)`, `${s.failed} failed`, `${s.overridden} overridden`, `${s.stale} must re-run`, `${s.skipped} skipped`, `${s.pending} pending`];
	const lines = ['## Summary', '', `**${mdText(s.headline)}.** ${counts.join(', ')}.`];
	if (s.next) {
		lines.push('', `**Next step:** ${mdText(s.next.phaseTitle)} › ${mdText(s.next.stepTitle)} (${mdCode(s.next.stepId)})`);
	}

	if (s.lockedAt) {
		lines.push('', `**Blocked:** ${mdText(s.lockedAt.phaseTitle)} and the phases after it are ${mdText(s.lockedAt.reason)}`);
	}

	lines.push('', '| # | Phase | Status | Done | Failed | Pending |', '|---|---|---|---|---|---|');
	for (const [index, phase] of report.phases.entries()) {
		const {passed, failed, pending, total, skipped, stale} = phase.counts;
		// Skipped and stale steps are never "done": said beside the count when there are any.
		const apart = [stale ? `${stale} must re-run` : '', skipped ? `${skipped} skipped` : ''].filter(Boolean).join(', ');
		lines.push(`| ${index + 1} | ${mdText(phase.title)} | ${phase.status} | ${passed}/${total}${apart ? ` (${apart})` : ''} | ${failed} | ${pending} |`);
	}

	if (report.blockers.length > 0) {
		lines.push('', '### Needs action', '', '| Step | State | Who must act | What to do |', '|---|---|---|---|');
		for (const blocker of report.blockers) {
			const state = blocker.stale ? 'must re-run' : blocker.state;
			const action = blocker.remediation ?? (blocker.stale ? 're-run the step' : blocker.summary ?? '');
			lines.push(`| ${mdText(blocker.title)} (${mdCode(blocker.stepId)}) | ${state} | ${mdText(blocker.owner)} | ${mdText(action)} |`);
		}
	}

	return lines;
}

function renderPhase(phase: ReportPhase, index: number, report: Report): string[] {
	const lines = [`## ${index + 1}. ${mdText(phase.title)}: ${phase.status}`];
	if (phase.lockReason) {
		lines.push('', `Blocked: this phase is ${mdText(phase.lockReason)}.`);
	}

	for (const group of groupOrder) {
		const steps = phase.steps.filter(step => groupOf(step) === group);
		if (steps.length === 0) {
			continue;
		}

		const title = group === 'pending' && phase.lockReason ? 'Blocked (waiting for the phases before)' : groupTitles[group];
		lines.push('', `**${title}**`, '');
		for (const step of steps) {
			lines.push(...renderStep(step, group, report));
		}
	}

	return lines;
}

function renderStep(step: ReportStep, group: StepGroup, report: Report): string[] {
	const name = `${mdText(step.title)} (${mdCode(step.id)}${step.blocking ? '' : ', not blocking'})`;
	const when = step.updatedAt ? `, ${utc(step.updatedAt)}` : '';
	const vantage = describeVantage(step);
	switch (group) {
		case 'failed': {
			const lines = [`- ✖ **${name}**${when}: ${mdText(describeOutcome(step, report))}`];
			if (step.owner) {
				lines.push(`  - Who must act: ${mdText(step.owner)}`);
			}

			if (step.check?.remediation) {
				lines.push(`  - Remediation: ${mdText(step.check.remediation)}`);
			}

			if (step.stale) {
				lines.push(`  - Must re-run: ${mdText(step.stale.reason)}`);
			}

			if (step.failingSince) {
				lines.push(`  - Failing since ${utc(step.failingSince)}`);
			}

			if (vantage) {
				lines.push(`  - Measured ${mdText(vantage)}`);
			}

			if (step.sources && step.sources.length > 0) {
				lines.push(`  - Why we check this: ${mdText(step.sources.join('; '))}`);
			}

			for (const row of evidenceRows(step.check?.evidence ?? [])) {
				lines.push(`  - Evidence: ${row.ok ? '' : '✖ '}${mdCode(row.target)} ${mdText(row.kind)} → ${mdText(row.outcome)}${row.secondLook ? ' (second look)' : ''}`);
			}

			if (step.command && step.command.output.length > 0) {
				const tail = step.command.output.split('\n').slice(-outputLines).join('\n');
				lines.push(`  - Output${step.command.output.split('\n').length > outputLines ? ` (last ${outputLines} lines)` : ''}:`, '', indent(mdBlock(tail)), '');
			}

			return lines;
		}

		case 'stale': {
			return [`- ↻ ${name}: ${mdText(describeOutcome(step, report))}; must re-run: ${mdText(step.stale?.reason ?? '')}${vantage ? ` (measured ${mdText(vantage)})` : ''}`];
		}

		case 'pending': {
			return [`- · ${name}: ${mdText(describeWaiting(step))}`];
		}

		case 'overridden': {
			const override = step.override;
			const earned = step.resultState && step.resultState !== 'pending' ? ` The result was ${step.resultState}${step.check ? `: ${mdText(step.check.summary)}` : ''}.` : ' It had no result.';
			const waived = waivedText(report, step.id);
			return [`- ⚑ ${name}: overridden by ${mdText(override?.by ?? '?')}, ${override ? utc(override.at) : ''}: "${mdText(override?.reason ?? '')}".${earned}${waived ? ` ${mdText(waived)}` : ''}${vantage ? ` Measured ${mdText(vantage)}.` : ''}${step.stale ? ` The result it accepted is stale, so the override is no longer in force; must re-run: ${mdText(step.stale.reason)}.` : ''}`];
		}

		case 'skipped': {
			return [`- – ${name}: skipped${step.skipped ? ` by ${mdText(step.skipped.by)}, ${utc(step.skipped.at)}: ${mdText(step.skipped.reason)}` : step.check ? `: ${mdText(step.check.summary)}` : ''}`];
		}

		case 'not-applicable': {
			return [`- ∅ ${name}: ${mdText(step.notApplicable ?? 'not applicable')}`];
		}

		case 'done': {
			const by = step.by && !step.confirmation ? ` by ${mdText(step.by)}` : '';
			const fixed = step.fixedAfterMs !== undefined ? ` (fixed after ${formatAge(step.fixedAfterMs / 1000)})` : '';
			return [`- ✔ ${name}: ${mdText(describeOutcome(step, report))}${by}${when}${fixed}${vantage ? `; measured ${mdText(vantage)}` : ''}`];
		}
	}
}

function waivedText(report: Report, stepId: string): string | undefined {
	const override = report.overrides.find(candidate => candidate.stepId === stepId);
	return override ? describeWaived(override) : undefined;
}

/** Which documents the steps follow ("why we check this"), each with the steps that cite it. */
function sourcesSection(report: Report): string[] {
	const cited = new Map<string, string[]>();
	for (const step of report.phases.flatMap(phase => phase.steps)) {
		for (const source of step.sources ?? []) {
			cited.set(source, [...(cited.get(source) ?? []), step.id]);
		}
	}

	if (cited.size === 0) {
		return [];
	}

	const lines = ['', '## Why we check this: sources', ''];
	for (const [source, stepIds] of cited) {
		lines.push(`- ${mdText(source)}: ${stepIds.map(id => mdCode(id)).join(', ')}`);
	}

	return lines;
}

function indent(block: string): string {
	return block.split('\n').map(line => `    ${line}`).join('\n');
}

/** Recurring checkpoints with every occurrence, when the runbook has any. */
function recurringSection(report: Report): string[] {
	const steps = report.phases.flatMap(phase => phase.steps.filter(step => step.recurring));
	if (steps.length === 0) {
		return [];
	}

	const lines = ['## Recurring checkpoints', ''];
	for (const step of steps) {
		const {occurrences, nextDue} = step.recurring!;
		const times = occurrences.length === 0 ? 'not done yet' : occurrences.map(occurrence => `${utc(occurrence.at)} (${mdText(occurrence.by)})`).join(', ');
		lines.push(`- ${mdText(step.title)} (${mdCode(step.id)}): ${times}${nextDue ? `; next due ${utc(nextDue)}` : ''}`);
	}

	return [...lines, ''];
}

/** Session notes, when there are any (a report without notes reads as before). */
function notesSection(report: Report): string[] {
	if (report.notes.length === 0) {
		return [];
	}

	const lines = ['## Session notes', '', '| When | Who | Step | Note |', '|---|---|---|---|'];
	for (const note of report.notes) {
		lines.push(`| ${utc(note.at)} | ${mdText(note.by)} | ${note.stepId ? `${mdText(note.stepTitle ?? note.stepId)} (${mdCode(note.stepId)})` : 'the session'} | ${mdText(note.text)} |`);
	}

	return [...lines, ''];
}

function inputsSection(report: Report): string[] {
	const lines = ['## Inputs', '', '| Input | Value | Set by | Frozen |', '|---|---|---|---|'];
	for (const input of report.inputs) {
		const value = input.value === undefined ? '*not entered*' : mdText(formatValue(input.value));
		const setBy = input.setBy && input.setAt ? `${mdText(input.setBy)}, ${utc(input.setAt)}` : '';
		const frozen = input.frozen ? `yes, since ${input.frozenAt ? utc(input.frozenAt) : 'its phase completed'}` : input.unfrozen ? `unfrozen by ${mdText(input.unfrozen.by)}: ${mdText(input.unfrozen.reason)}` : 'no';
		lines.push(`| ${mdText(input.title)} (${mdCode(input.name)}) | ${value} | ${setBy} | ${frozen} |`);
	}

	return lines;
}

function vantageSection(report: Report): string[] {
	const lines = ['## Where results were measured', ''];
	if (report.vantages.length === 0) {
		lines.push('No check or command has run yet.');
	} else {
		lines.push('| Host | Vantage | How it got here | Local addresses | Steps |', '|---|---|---|---|---|');
		for (const vantage of report.vantages) {
			const addresses = vantage.localAddresses.length > 0 ? mdText(vantage.localAddresses.join(', ')) : '*none recorded*';
			const how = `${vantage.how ?? 'measured here'}${vantage.source ? ` (${mdText(vantage.source)})` : ''}`;
			lines.push(`| ${mdText(vantage.host)} | ${vantage.vantage ? mdText(vantage.vantage) : '—'} | ${how} | ${addresses} | ${vantage.stepIds.map(id => mdCode(id)).join(', ')} |`);
		}
	}

	lines.push('', '## Endpoint lists used', '');
	if (report.endpointLists.length === 0) {
		lines.push('No result used an endpoint list.');
	} else {
		for (const list of report.endpointLists) {
			lines.push(`- ${mdText(list.list)}: ${list.stepIds.map(id => mdCode(id)).join(', ')}`);
		}
	}

	return lines;
}
