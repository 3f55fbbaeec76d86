import type {VantageName} from '../runbook/schema.js';
import type {HostProgress} from './collect-hosts.js';

/** A host's collection in one plain line's worth of facts: what a progress line shows (no results, no secrets). */
export type CollectProgress =
	| {vantage: VantageName; destination: string; stage: 'running' | 'copying'; steps: number}
	| {vantage: VantageName; destination: string; stage: 'finished'; ok: boolean; message: string; accepted: number; refused: number; durationMs: number};

/** The facts of a host's progress, with the sentence the operator reads when it finished. */
export function progressSummary(progress: HostProgress): CollectProgress {
	const {vantage, destination} = progress.host;
	if (progress.stage !== 'finished') {
		return {vantage, destination, stage: progress.stage, steps: progress.steps};
	}

	const {outcome, imported} = progress.report;
	const finished = {vantage, destination, stage: 'finished' as const, accepted: 0, refused: 0, durationMs: outcome?.durationMs ?? 0};
	if (!outcome) {
		return {...finished, ok: true, message: `no check or command step runs from ${vantage}; nothing to collect`};
	}

	if (!outcome.ok) {
		return {...finished, ok: false, message: outcome.message};
	}

	if (!imported || imported.refusedAll) {
		return {...finished, ok: false, message: `refused: ${imported?.refusedAll ?? 'nothing was merged'}`};
	}

	const failing = imported.accepted.filter(item => item.result.status === 'fail' || item.result.status === 'error').length
		+ imported.acceptedCommands.filter(item => item.state !== 'passed').length;
	const took = imported.accepted.length + imported.acceptedCommands.length;
	const refusals = imported.refused.map(item => `${item.stepId}: ${item.reason}`).join('; ');
	return {
		...finished,
		ok: imported.refused.length === 0,
		accepted: took,
		refused: imported.refused.length,
		message: `from ${outcome.bundle.host.name}: took ${took}${failing > 0 ? ` (${failing} failing)` : ''}, refused ${imported.refused.length}${refusals ? ` (${refusals})` : ''}`,
	};
}
