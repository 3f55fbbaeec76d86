import {stepMarks} from '../../cli/marks.js';
import {vantageLabels} from '../../engine/place.js';
import type {CollectHostRecord, Session} from '../../engine/state.js';
import {vantageStandings} from '../../engine/vantage-standing.js';
import {formatDateTime} from '../../journal/format-time.js';
import type {Runbook, VantageName} from '../../runbook/schema.js';
import type {CollectHostRun, CollectState} from '../state/ui-state.js';
import type {StyledLine} from './layout.js';
import {spinnerFrame} from './spinner.js';
import {wrapText} from './wrap-text.js';

/** One vantage the runbook has check steps for, with the host that proves it (if one is known). */
export type CollectRow = {
	vantage: VantageName;
	proven: number;
	total: number;
	/** user@address: typed on this screen, else the one the session remembers from its last collection. */
	destination?: string;
	last?: CollectHostRecord;
	progress?: CollectHostRun;
};

/** The Collect screen's rows, one per vantage with check steps, in the runbook's order. */
export function collectRows(runbook: Runbook, session: Session, collect: CollectState | undefined): CollectRow[] {
	return vantageStandings(runbook, session).map(standing => {
		const last = session.collectHosts?.[standing.vantage];
		const destination = collect?.added[standing.vantage] ?? last?.destination;
		const progress = collect?.run?.hosts.find(host => host.vantage === standing.vantage);
		return {
			vantage: standing.vantage,
			proven: standing.proven,
			total: standing.total,
			...(destination ? {destination} : {}),
			...(last ? {last} : {}),
			...(progress ? {progress} : {}),
		};
	});
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** The host's line under its vantage: what it is doing now, or how its last collection ended. */
function statusLine(row: CollectRow, now: number): StyledLine {
	const {progress, last} = row;
	if (progress?.stage === 'running' || progress?.stage === 'copying') {
		const doing = progress.stage === 'copying' ? 'no azs-runbook there: copying the kit, then running' : 'running';
		return {text: `${spinnerFrame(now)} ${doing} ${progress.steps} step(s) there… ${seconds(now - progress.startedAt)}`, tone: 'busy'};
	}

	if (progress?.stage === 'finished') {
		const mark = progress.ok ? stepMarks.passed : stepMarks.failed;
		return {text: `${mark} ${progress.message} [${seconds(progress.durationMs)}]`, tone: progress.ok ? 'good' : 'bad'};
	}

	if (last) {
		const mark = last.ok ? stepMarks.passed : stepMarks.failed;
		const what = last.ok ? `took ${last.accepted}, refused ${last.refused}` : (last.message ?? 'failed');
		return {text: `${mark} last collected ${formatDateTime(last.at)} from ${last.destination}: ${what}`, tone: last.ok ? 'plain' : 'bad'};
	}

	return {text: row.destination ? 'not collected yet: Enter collects' : 'no host yet: a adds user@address', tone: 'muted'};
}

/** The Collect screen's body: per vantage a title line (the chosen one marked) and its host's status, wrapped to the width. */
export function collectLines(rows: readonly CollectRow[], selected: number, now: number, width: number): {lines: StyledLine[]; rowLine: number[]} {
	const lines: StyledLine[] = [];
	const rowLine: number[] = [];
	for (const [index, row] of rows.entries()) {
		rowLine.push(lines.length);
		const chosen = index === selected;
		lines.push({text: `${chosen ? '›' : ' '} ${vantageLabels[row.vantage]} (${row.vantage}): ${row.destination ?? 'no host'} · ${row.proven}/${row.total} proven`, bold: chosen});
		const status = statusLine(row, now);
		for (const text of wrapText(status.text, width, '    ')) {
			lines.push({...status, text});
		}
	}

	return {lines, rowLine};
}
