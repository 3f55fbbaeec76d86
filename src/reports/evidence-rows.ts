import type {ProbeRecord} from '../checks/types.js';

/**
One row of evidence as a reader wants it: the retries of one probe collapsed into one row
("4 attempts, all timed out after 15 s"), with every record kept for whoever needs the detail.
*/
export type EvidenceRow = {
	target: string;
	kind: string;
	/** True when the last attempt got what the check wanted (for a flow that must be denied: blocked). */
	ok: boolean;
	attempts: number;
	/** A second look the check took to tell causes apart, not a probe that had to succeed. */
	secondLook: boolean;
	/** One phrase: `ok in 12 ms`, `ECONNREFUSED in 3 ms`, `4 attempts, all timed out after 15 s`. */
	outcome: string;
	records: ProbeRecord[];
};

/** `15 s`, `1.5 s`, `820 ms`. */
export function formatProbeDuration(ms: number): string {
	if (ms < 1000) {
		return `${Math.round(ms)} ms`;
	}

	const seconds = ms / 1000;
	return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/**
Whether a probe record got what its check wanted. Records of flows that must be denied carry
`expect: 'deny'` and an `outcome`: for them an open flow is the failure and a blocked one the pass.
*/
export function recordPassed(record: ProbeRecord): boolean {
	// A second look (probing unlikely ports for a catch-all listener, asking again) is context for
	// the verdict, not a probe that must succeed: a refusal there is the expected answer.
	if (record.secondLook !== undefined) {
		return true;
	}

	if (record.expect === 'deny' && typeof record.outcome === 'string') {
		return record.outcome !== 'open';
	}

	return record.ok;
}

const timeoutCodes = new Set(['TIMEOUT', 'ETIMEOUT', 'ETIMEDOUT']);

function outcomeOf(record: ProbeRecord): string {
	if (record.ok) {
		return 'ok';
	}

	if (record.errorCode && timeoutCodes.has(record.errorCode)) {
		return 'timed out';
	}

	return record.errorCode ?? (typeof record.status === 'number' ? `HTTP ${record.status}` : 'failed');
}

function describeRow(records: readonly ProbeRecord[]): string {
	const last = records.at(-1)!;
	const outcomes = records.map(record => outcomeOf(record));
	if (records.length === 1) {
		return `${outcomes[0]} in ${formatProbeDuration(last.durationMs)}`;
	}

	const longest = Math.max(...records.map(record => record.durationMs));
	if (outcomes.every(outcome => outcome === outcomes[0])) {
		const verb = outcomes[0] === 'timed out' ? 'all timed out after' : outcomes[0] === 'ok' ? 'all ok, the slowest in' : `all ${outcomes[0]}, the slowest in`;
		return `${records.length} attempts, ${verb} ${formatProbeDuration(longest)}`;
	}

	return `${records.length} attempts: ${outcomes.join(', ')} (last in ${formatProbeDuration(last.durationMs)})`;
}

/**
Groups evidence by probe (kind and target: retries of one probe carry an `attempt` number and the
same target), keeps the groups in first-seen order within failures-first order: every failing row
comes before every passing row, so the reader sees what went wrong first. Pure.
*/
export function evidenceRows(records: readonly ProbeRecord[]): EvidenceRow[] {
	const groups = new Map<string, ProbeRecord[]>();
	for (const record of records) {
		const key = `${record.kind}\u0000${record.target}`;
		groups.set(key, [...(groups.get(key) ?? []), record]);
	}

	const rows = [...groups.values()].map(group => ({
		target: group[0]!.target,
		kind: group[0]!.kind,
		ok: recordPassed(group.at(-1)!),
		attempts: group.length,
		secondLook: group[0]!.secondLook !== undefined,
		outcome: describeRow(group),
		records: group,
	}));
	return [...rows.filter(row => !row.ok), ...rows.filter(row => row.ok)];
}
