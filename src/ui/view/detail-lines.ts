import {formatAge} from '../../engine/staleness.js';
import type {Session} from '../../engine/state.js';
import type {ProbeRecord} from '../../checks/types.js';
import type {Runbook, Step} from '../../runbook/schema.js';
import {locateStep} from '../../engine/runbook-index.js';
import {citedSources, formatSource} from '../../runbook/sources.js';
import type {StyledLine} from './layout.js';
import {stepBadge} from './step-summary.js';
import {wrapText} from './wrap-text.js';
import {marks} from '../glyphs.js';

const shownElsewhere = new Set(['target', 'kind', 'ok', 'durationMs', 'errorCode', 'localAddress']);

function fieldText(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}

function probeLines(record: ProbeRecord, width: number): StyledLine[] {
	const head = `${record.ok ? `${marks.ok} ok` : `${marks.fail} ${record.errorCode ?? 'failed'}`}  ${record.kind}  ${record.target}  ${Math.round(record.durationMs)} ms${record.localAddress ? `  from ${record.localAddress}` : ''}`;
	const lines: StyledLine[] = wrapText(head, width).map(text => ({text, tone: record.ok ? 'good' : 'bad'}));
	for (const [key, value] of Object.entries(record)) {
		if (!shownElsewhere.has(key) && value !== undefined) {
			lines.push(...wrapText(`${key}: ${fieldText(value)}`, width, '    ').map(text => ({text})));
		}
	}

	return lines;
}

/**
Everything a result holds, for the details view: summary, where and when it ran, the remediation
with the site's values (plain lines at the left margin, nothing drawn around them, so a mouse
selection copies exactly the text), then the evidence probe by probe, or a command's output.
*/
export function detailLines(step: Step, session: Session, width: number, runbook?: Runbook): StyledLine[] {
	const record = session.steps[step.id];
	const badge = stepBadge(session, step.id);
	const lines: StyledLine[] = [{text: `${badge.mark} ${badge.word}`, tone: badge.tone, bold: true}];
	const wrap = (text: string, tone?: StyledLine['tone']) => lines.push(...wrapText(text, width).map(line => ({text: line, tone})));
	if (!record || (!record.result && !record.command)) {
		wrap('No result yet: run it with r.');
	}

	const result = record?.result;
	if (result) {
		wrap(result.summary, badge.tone);
		wrap(`Ran on ${result.vantage.host}${result.vantage.name ? ` (${result.vantage.name})` : ''}${result.vantage.localAddresses.length ? ` from ${result.vantage.localAddresses.join(', ')}` : ''} at ${result.startedAt}, took ${Math.round(result.durationMs)} ms${result.endpointList ? ` · endpoint list ${result.endpointList}` : ''}`);
		if (record.wrongPlaceRun) {
			// The later run from the wrong place is shown, never counted: the result above stands.
			wrap(`Run again at ${record.wrongPlaceRun.at} by ${record.wrongPlaceRun.by}, kept aside: ${record.wrongPlaceRun.summary}`, 'caution');
		}
		if (result.remediation) {
			lines.push({text: ''}, {text: `Remediation${result.owner ? ` (owner: ${result.owner})` : ''}:`, bold: true});
			wrap(result.remediation);
		}

		lines.push({text: ''}, {text: `Evidence (${result.evidence.length} probe${result.evidence.length === 1 ? '' : 's'}):`, bold: true});
		for (const probe of result.evidence) {
			lines.push(...probeLines(probe, width));
		}
	}

	const command = record?.command;
	if (command) {
		wrap(`$ ${command.argv.join(' ')}`);
		wrap(`${command.failure ?? `exit code ${command.exitCode ?? '?'}`} · ran on ${command.host} at ${command.startedAt}, took ${command.durationMs} ms`);
		lines.push({text: ''}, {text: `Output${command.truncated ? ' (last part)' : ''}:`, bold: true});
		for (const line of command.output.split('\n')) {
			if (line.trim() === '') {
				lines.push({text: ''});
			} else {
				wrap(line);
			}
		}
	}

	if (record?.stale) {
		lines.push({text: ''});
		wrap(`Must re-run: ${record.stale.reason}`, 'caution');
	}

	if (record?.override) {
		lines.push({text: ''});
		wrap(`Overridden by ${record.override.by} at ${record.override.at}: ${record.override.reason}${record.stale ? ' (the result it accepted is stale: no longer in force until re-run)' : ''}`, 'caution');
	}

	if (record?.fixedAfterMs !== undefined) {
		wrap(`Fixed after ${formatAge(record.fixedAfterMs / 1000)}.`, 'good');
	}

	if (step.onFailure && (record?.state === 'failed' || record?.state === 'error')) {
		lines.push({text: ''}, {text: 'If it fails:', bold: true});
		wrap(step.onFailure);
	}

	const phase = runbook ? locateStep(runbook, step.id)?.phase : undefined;
	const sources = runbook ? [...citedSources(runbook, step), ...(phase ? citedSources(runbook, phase) : [])] : [];
	if (sources.length > 0) {
		lines.push({text: ''}, {text: 'Why we check this (source):', bold: true});
		for (const source of sources) {
			wrap(formatSource(source));
		}
	}

	return lines;
}
