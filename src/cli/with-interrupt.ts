/**
Runs `work` with a signal that Ctrl+C (SIGINT) or SIGTERM aborts, so probes and remote runs stop
promptly and what finished is kept; the handlers are removed afterwards.
*/
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const abort = new AbortController();
	const onSignal = () => abort.abort();
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		return await work(abort.signal);
	} finally {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	}
}
