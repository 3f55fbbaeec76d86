/** Runs `task` over `items` with at most `limit` in flight, keeping input order in the output. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = Array.from({length: items.length});
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index]!);
		}
	};

	await Promise.all(Array.from({length: Math.max(1, Math.min(limit, items.length))}, async () => worker()));
	return results;
}
