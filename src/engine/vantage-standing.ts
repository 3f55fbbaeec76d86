import type {Runbook, VantageName} from '../runbook/schema.js';
import {applies} from './applicability.js';
import {requiredVantage} from './place.js';
import type {Session} from './state.js';

/** One host that proved results for a vantage, and how they reached the session. */
export type ProvingHost = {host: string; how: 'measured here' | 'collected over SSH' | 'imported from a file'; source?: string; steps: number; lastAt: string};

/** Per vantage: which check steps it owes and which hosts proved the rest. */
export type VantageStanding = {
	vantage: VantageName;
	/** Applicable check steps that must be measured from this vantage. */
	total: number;
	/** Steps with a result from the right place that is not stale. */
	proven: number;
	/** Steps with no result, a stale one, or only a wrong-place one. */
	owed: string[];
	hosts: ProvingHost[];
	/** The last `collect` from this vantage, when there was one. */
	lastCollect?: NonNullable<Session['collectHosts']>[string];
};

/**
Where each result was proven: a pass from one host is not a pass for all. Grouped by the vantage the
runbook requires, so status, the hand-over, the reports and the TUI say which host proved what and
which vantages still owe results.
*/
export function vantageStandings(runbook: Runbook, session: Session): VantageStanding[] {
	const standings = new Map<VantageName, VantageStanding>();
	for (const phase of runbook.phases) {
		for (const step of phase.steps) {
			const vantage = step.kind === 'check' ? requiredVantage(runbook, step.id) : undefined;
			if (!vantage || !applies(session, phase, step)) {
				continue;
			}

			const standing = standings.get(vantage) ?? {vantage, total: 0, proven: 0, owed: [], hosts: []};
			standings.set(vantage, standing);
			standing.total++;
			const record = session.steps[step.id];
			const result = record?.result;
			if (!record || !result || result.wrongPlace || record.stale || record.state === 'running') {
				standing.owed.push(step.id);
				continue;
			}

			standing.proven++;
			const {collected} = result.vantage;
			const host = collected?.host ?? result.vantage.host;
			const how = collected ? (collected.via === 'ssh' ? 'collected over SSH' : 'imported from a file') : 'measured here';
			const existing = standing.hosts.find(item => item.host === host && item.how === how);
			if (existing) {
				existing.steps++;
				existing.lastAt = existing.lastAt > result.startedAt ? existing.lastAt : result.startedAt;
			} else {
				standing.hosts.push({host, how, ...(collected ? {source: collected.source} : {}), steps: 1, lastAt: result.startedAt});
			}
		}
	}

	return [...standings.values()].map(standing => {
		const lastCollect = session.collectHosts?.[standing.vantage];
		return lastCollect ? {...standing, lastCollect} : standing;
	});
}

/** "hlh: 3/4 proven (HLH-01, collected over SSH from hlh-01); owes acl-hlh-dns". */
export function describeStanding(standing: VantageStanding): string {
	const hosts = standing.hosts.map(item => `${item.host}, ${item.how}${item.source ? ` from ${item.source}` : ''}`).join('; ');
	const owed = standing.owed.length > 0 ? `; owes ${standing.owed.join(', ')}` : '';
	const failedCollect = standing.lastCollect && !standing.lastCollect.ok ? `; last collect from ${standing.lastCollect.destination} failed: ${standing.lastCollect.message ?? ''}` : '';
	return `${standing.vantage}: ${standing.proven}/${standing.total} proven${hosts ? ` (${hosts})` : ''}${owed}${failedCollect}`;
}
