/** Seconds from a step-file duration (`90`, `90s`, `15m`, `12h`, `7d`). */
export function durationSeconds(duration: number | string): number {
	if (typeof duration === 'number') {
		return duration;
	}

	const unit = duration.at(-1)!;
	const amount = Number(duration.slice(0, -1));
	const factor: Record<string, number> = {s: 1, m: 60, h: 3600, d: 86_400};
	return amount * (factor[unit] ?? 1);
}
