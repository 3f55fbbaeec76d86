import type {Judgement} from './judge/verdict.js';
import type {CheckResult, ProbeRecord} from './types.js';
import {vantageFrom} from './vantage.js';

/** Starts the clock of a check run; `finish` turns a verdict and evidence into a CheckResult. */
export function startRun(checkId: string) {
	const startedAt = new Date().toISOString();
	const started = performance.now();
	return {
		startedAt,
		finish(judgement: Judgement, evidence: ProbeRecord[]): CheckResult {
			return {
				checkId,
				...judgement,
				evidence,
				startedAt,
				durationMs: Math.round(performance.now() - started),
				vantage: vantageFrom(evidence),
			};
		},
	};
}

/** Accepts one value or a list, as step files pass `{$input: name}` for either. */
export function asList<T>(value: T | readonly T[] | undefined): T[] {
	if (value === undefined) {
		return [];
	}

	return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}
