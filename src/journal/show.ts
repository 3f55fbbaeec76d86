import type {Action} from '../engine/actions.js';
import {stepStateFromCheck} from '../engine/step-state.js';
import type {InputValue} from '../engine/state.js';
import type {JournalEntry} from '../store/journal.js';
import {formatClock, formatDay, type TimeZoneOption} from './format-time.js';

/** An input value as typed: lists comma-separated. */
export function formatValue(value: InputValue): string {
	return Array.isArray(value) ? value.join(', ') : value;
}

/** What one action did, in a few words: `set dns_forwarders = 10.0.0.53, 10.0.1.53`. */
export function describeAction(action: Action): string {
	switch (action.type) {
		case 'session.created': {
			return `started session "${action.name}" (runbook ${action.runbookId})`;
		}

		case 'input.set': {
			return `set ${action.name} = ${formatValue(action.value)}`;
		}

		case 'input.unfreeze': {
			return `unfroze ${action.name}: ${action.reason}`;
		}

		case 'step.started': {
			return `started ${action.stepId}`;
		}

		case 'step.cancelled': {
			return `cancelled ${action.stepId} (the run was stopped)`;
		}

		case 'step.acknowledged': {
			return `acknowledged ${action.stepId}`;
		}

		case 'step.confirmed': {
			return `confirmed ${action.stepId}`;
		}

		case 'step.skipped': {
			return `skipped ${action.stepId}: ${action.reason}`;
		}

		case 'check.finished': {
			const state = stepStateFromCheck(action.result.status);
			const {collected} = action.result.vantage;
			const from = collected ? ` (from ${action.result.vantage.name ?? collected.host} ${collected.host}, ${collected.via === 'ssh' ? `collected over SSH from ${collected.source}` : `imported from ${collected.source}`})` : '';
			return `check ${action.stepId} → ${state}${from}: ${action.result.summary}`;
		}

		case 'command.finished': {
			const {command} = action;
			const outcome = command.failure ?? (command.exitCode === undefined ? 'no exit code' : `exit code ${command.exitCode}`);
			const from = command.collected ? ` (from ${command.collected.vantage} ${command.collected.host}, ${command.collected.via === 'ssh' ? `collected over SSH from ${command.collected.source}` : 'imported from a file'})` : '';
			return `command ${action.stepId} → ${action.state}: ${outcome}${from}`;
		}

		case 'step.overridden': {
			return `overrode ${action.stepId}: ${action.reason}`;
		}

		case 'position.moved': {
			return `moved to ${action.position.phaseId} › ${action.position.stepId}`;
		}

		case 'results.staled': {
			return `marked stale: ${action.stepIds.join(', ')} (${action.reason})`;
		}

		case 'runbook.accepted': {
			return `accepted the changed runbook (${action.hash.slice(0, 12)}…)`;
		}

		case 'hint.shown': {
			return `asked for hint ${action.hint} of ${action.stepId}`;
		}

		case 'finding.escalated': {
			return `escalated ${action.stepId} to ${action.owner}${action.note ? `: ${action.note}` : ''}`;
		}

		case 'inbox.skipped': {
			return `did not take in a request sent to the open session: ${action.reason}`;
		}

		case 'note.added': {
			return `note${action.stepId ? ` on ${action.stepId}` : ''}: ${action.text}`;
		}

		case 'collect.finished': {
			return action.ok
				? `collected from ${action.vantage} (${action.destination}): took ${action.accepted}, refused ${action.refused}`
				: `collect from ${action.vantage} (${action.destination}) failed: ${action.message ?? 'no reason given'}`;
		}
	}
}

export type JournalViewOptions = TimeZoneOption & {
	/** Also list position moves and step starts, which the finished entries already imply. */
	all?: boolean;
};

/** Actions that only bookkeep: hidden unless asked for, the entries that follow say what happened. */
const quietActions: ReadonlySet<Action['type']> = new Set(['position.moved', 'step.started']);

/**
The journal as lines an operator reads: a date line when the day changes, then
`08:12 alice set dns_forwarders = 10.0.0.53, 10.0.1.53`. Training sessions say so first.
*/
export function formatJournal(entries: readonly JournalEntry[], options: JournalViewOptions = {}): string[] {
	const lines: string[] = [];
	if (entries.some(entry => entry.training)) {
		lines.push('TRAINING SESSION: these entries are from a training exercise, not a real deployment', '');
	}

	let day: string | undefined;
	for (const entry of entries) {
		if (!options.all && quietActions.has(entry.action.type)) {
			continue;
		}

		const entryDay = formatDay(entry.action.at, options);
		if (entryDay !== day) {
			if (day !== undefined) {
				lines.push('');
			}

			lines.push(entryDay);
			day = entryDay;
		}

		lines.push(`${formatClock(entry.action.at, options)} ${entry.action.by} ${describeAction(entry.action)}`);
	}

	return lines;
}
