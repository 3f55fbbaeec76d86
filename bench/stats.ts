/** One benchmark figure: min, median, p99 and max over repeated samples. */
export type Figure = {name: string; unit: string; min: number; p50: number; p99: number; max: number; samples: number; note?: string};

/** Summary statistics of samples (nearest-rank percentiles). */
export function quantiles(samples: number[]): Omit<Figure, 'name' | 'unit'> {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
	return {min: sorted[0]!, p50: at(0.5), p99: at(0.99), max: sorted.at(-1)!, samples: sorted.length};
}
