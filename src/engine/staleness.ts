import type {Runbook} from '../runbook/schema.js';
import {isPhaseSealed} from './gating.js';
import type {Session} from './state.js';

export type StaleFinding = {stepId: string; reason: string};

/**
Results that must re-run on resume: expired (older than their TTL), or measured from another host,
in phases that are not sealed (see isPhaseSealed).
A result from another vantage proves nothing about this one (the DVM versus a Public VIP).
*/
export function findStaleResults(runbook: Runbook, session: Session, now: Date, host: string): StaleFinding[] {
	const findings: StaleFinding[] = [];
	// Sealed phases keep their results as evidence of the time and place they were measured.
	const steps = runbook.phases.flatMap((phase, index) => (isPhaseSealed(runbook, session, index) ? [] : phase.steps));
	for (const step of steps) {
		const record = session.steps[step.id];
		if (!record || record.stale || record.state === 'overridden') {
			continue;
		}

		const measuredAt = record.result?.startedAt ?? record.command?.startedAt;
		// A collected result comes from another host by design: its vantage, not this host, is what it proves.
		const measuredOn = record.result?.vantage.collected ? undefined : (record.result?.vantage.host ?? record.command?.host);
		if (!measuredAt) {
			continue;
		}

		const ageSeconds = (now.getTime() - Date.parse(measuredAt)) / 1000;
		if (record.ttlSeconds !== undefined && ageSeconds > record.ttlSeconds) {
			findings.push({stepId: step.id, reason: `result expired: measured ${formatAge(ageSeconds)} ago, valid for ${formatAge(record.ttlSeconds)}`});
		} else if (measuredOn !== undefined && measuredOn !== host) {
			findings.push({stepId: step.id, reason: `result was measured on ${measuredOn}, this is ${host}`});
		}
	}

	return findings;
}

/** Steps whose content changed since the session last accepted the runbook, plus new and removed ones. */
export function changedSteps(session: Session, stepHashes: Record<string, string>): {changed: string[]; added: string[]; removed: string[]} {
	const changed: string[] = [];
	const added: string[] = [];
	for (const [stepId, hash] of Object.entries(stepHashes)) {
		const before = session.stepHashes[stepId];
		if (before === undefined) {
			added.push(stepId);
		} else if (before !== hash) {
			changed.push(stepId);
		}
	}

	const removed = Object.keys(session.stepHashes).filter(stepId => !(stepId in stepHashes));
	return {changed, added, removed};
}

/** "4 min 10 s", "2 h 5 min", "3 d 4 h": durations as an operator reads them. */
export function formatAge(seconds: number): string {
	const s = Math.max(0, Math.round(seconds));
	if (s < 60) {
		return `${s} s`;
	}

	if (s < 3600) {
		const rest = s % 60;
		return `${Math.floor(s / 60)} min${rest ? ` ${rest} s` : ''}`;
	}

	if (s < 86_400) {
		const rest = Math.floor((s % 3600) / 60);
		return `${Math.floor(s / 3600)} h${rest ? ` ${rest} min` : ''}`;
	}

	const rest = Math.floor((s % 86_400) / 3600);
	return `${Math.floor(s / 86_400)} d${rest ? ` ${rest} h` : ''}`;
}
