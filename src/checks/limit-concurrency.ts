/**
Runs `task` over `items` with at most `limit` tasks in flight, keeping input order in the output.
After `signal` aborts, items not yet started are not started: their slot gets `onSkipped(item)`,
so a cancelled run returns promptly with a record for every item.
*/
export async function limitConcurrency<T, R>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<R>,
	options: {signal?: AbortSignal; onSkipped?: (item: T) => R} = {},
): Promise<R[]> {
	const results: R[] = Array.from({length: items.length});
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			const item = items[index]!;
			results[index] = options.signal?.aborted && options.onSkipped ? options.onSkipped(item) : await task(item, index);
		}
	};

	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
	await Promise.all(Array.from({length: workers}, async () => worker()));
	return results;
}
