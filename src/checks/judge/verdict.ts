import type {CheckStatus, FixOwner} from '../types.js';
import {mergeRemediations} from './merge-remediations.js';

/** What every judge returns: the verdict part of a CheckResult, from plain data only. */
export type Judgement = {
	status: CheckStatus;
	summary: string;
	remediation?: string;
	owner?: FixOwner;
};

const severity: Record<CheckStatus, number> = {pass: 0, skipped: 1, warn: 2, error: 3, fail: 4};

/** The worse of two statuses: fail > error > warn > skipped > pass. */
export function worseStatus(a: CheckStatus, b: CheckStatus): CheckStatus {
	return severity[b] > severity[a] ? b : a;
}

/** The worst status of a list (pass when empty). */
export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
	return statuses.reduce<CheckStatus>((worst, status) => worseStatus(worst, status), 'pass');
}

/** Orders items worst first, so a summary names the most serious finding. */
export function worstFirst<T extends {status: CheckStatus}>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => severity[b.status] - severity[a.status]);
}

/**
Combines item verdicts into one: the worst status, its owner, a count line plus the worst items'
summaries, and every distinct remediation (each already names the site's own hosts and ports; those
that differ in one host are one sentence naming them all).
*/
export function combineJudgements(items: readonly Judgement[], what: string): Judgement {
	if (items.length === 0) {
		return {status: 'error', summary: `no ${what} to check`};
	}

	const ordered = worstFirst(items);
	const worst = ordered[0]!;
	const passed = items.filter(item => item.status === 'pass').length;
	if (worst.status === 'pass') {
		return {status: 'pass', summary: items.length === 1 ? worst.summary : `all ${items.length} ${what} passed`};
	}

	const problems = ordered.filter(item => item.status !== 'pass');
	const head = items.length === 1 ? '' : `${passed}/${items.length} ${what} passed; `;
	const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
	// One sentence for remediations that differ only in a host or an address (merge-remediations.ts).
	const remediations = mergeRemediations(problems.map(item => item.remediation).filter((text): text is string => Boolean(text)));
	return {
		status: worst.status,
		summary: `${head}${worst.summary}${more}`,
		...(remediations.length > 0 ? {remediation: remediations.join('\n')} : {}),
		...(worst.owner ? {owner: worst.owner} : {}),
	};
}
