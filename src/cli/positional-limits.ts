import {UsageError} from './args.js';

/*
How many words each command takes after its name: one more is refused (exit 2) instead of being
silently ignored (`azs-runbook confirm a b` would otherwise confirm a and drop b).
`train` and its subcommands count the subcommand; `Infinity` where a list is expected.
*/
const limits: Record<string, number> = {
	status: 0,
	run: 0,
	set: 1,
	confirm: 1,
	override: 1,
	unfreeze: 1,
	sessions: 0,
	reset: 0,
	validate: 1,
	journal: 1,
	report: 0,
	requests: 0,
	handover: 0,
	diff: 0,
	inputs: 2,
	collect: 0,
	results: 2,
};

const trainLimits: Record<string, number> = {
	list: 1,
	start: 2,
	hint: 2,
	why: 2,
	escalate: 2,
	// Inline YAML may arrive as several words (joined), and summary/verify take a list.
	inject: Number.POSITIVE_INFINITY,
	clear: 3,
	conditions: 2,
	summary: Number.POSITIVE_INFINITY,
	verify: Number.POSITIVE_INFINITY,
};

/** Refuses extra positional arguments, naming the first one that is too many. */
export function checkPositionals(command: string, positionals: readonly string[]): void {
	const limit = command === 'train' ? trainLimits[positionals[0] ?? ''] : limits[command];
	if (limit === undefined || positionals.length <= limit) {
		return;
	}

	const extra = positionals[limit]!;
	const name = command === 'train' ? `train ${positionals[0]!}` : command;
	throw new UsageError(`${name} takes ${limit === 0 ? 'no arguments' : `at most ${limit} argument${limit === 1 ? '' : 's'}`}; unexpected "${extra}"`, command);
}
