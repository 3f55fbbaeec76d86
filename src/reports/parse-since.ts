/**
Reads `--since`: an ISO 8601 time (`2026-01-05T09:30Z`), a clock time today in the local zone
(`09:30`), or an age (`90m`, `2h`, `1d` ago). Returns an ISO time, or undefined when unreadable.
*/
export function parseSince(text: string, now: Date = new Date()): string | undefined {
	const trimmed = text.trim();
	const age = /^(\d+)\s*([smhd])$/.exec(trimmed);
	if (age) {
		const unit = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000}[age[2] as 's' | 'm' | 'h' | 'd'];
		const then = new Date(now.getTime() - Number(age[1]) * unit);
		// An age beyond the range of dates (9999999999d) is unreadable, not a crash.
		return Number.isFinite(then.getTime()) ? then.toISOString() : undefined;
	}

	const clock = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(trimmed);
	if (clock) {
		const today = new Date(now);
		today.setHours(Number(clock[1]), Number(clock[2]), 0, 0);
		return today.toISOString();
	}

	// Only full dates: Date.parse accepts too much ("1", "March") to guess with.
	if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
		return undefined;
	}

	const parsed = Date.parse(trimmed);
	return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}
