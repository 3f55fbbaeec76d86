import {setMaxListeners} from 'node:events';

/** How a one-shot probe ends: exactly once, by its own result, its deadline or an abort. */
export type SettleOptions<T> = {
	timeoutMs: number;
	signal: AbortSignal;
	onTimeout: () => T;
	onAbort: () => T;
	/** Turns an error thrown while starting (bad address, closed socket) into a result. */
	onError: (code: string) => T;
	/** Closes sockets; runs exactly once, whatever ended the probe. */
	cleanup: () => void;
};

/**
Wraps an event handler so that whatever it throws (a peer's reply or certificate no parser
expected) settles the probe through `onError` instead of escaping as an uncaught exception, which
would end the process with the step still "running".
*/
export type Guard = <A extends unknown[]>(handler: (...args: A) => void) => (...args: A) => void;

function errorCode(error: unknown): string {
	return (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : String(error));
}

/**
Runs `start` with a `finish` callback and settles on whichever comes first: `finish`, the hard
deadline (not a socket idle timer, so a silent peer cannot stretch it) or the abort signal.
Cleanup always runs, so no socket, timer or listener outlives the probe. Event handlers wrapped
with `guard` settle the probe on a throw.
*/
export async function settleOnce<T>(options: SettleOptions<T>, start: (finish: (value: T) => void, guard: Guard) => void): Promise<T> {
	return new Promise<T>(resolve => {
		let settled = false;
		const finish = (value: T) => {
			if (settled) {
				return;
			}

			settled = true;
			clearTimeout(timer);
			options.signal.removeEventListener('abort', onAbort);
			try {
				options.cleanup();
			} finally {
				resolve(value);
			}
		};

		const onAbort = () => {
			finish(options.onAbort());
		};

		const timer = setTimeout(() => {
			finish(options.onTimeout());
		}, options.timeoutMs);
		if (options.signal.aborted) {
			onAbort();
			return;
		}

		const guard: Guard = handler => (...args) => {
			try {
				handler(...args);
			} catch (error) {
				finish(options.onError(errorCode(error)));
			}
		};

		// Many probes in flight share one signal; each removes its listener, so there is no leak to warn about.
		setMaxListeners(0, options.signal);
		options.signal.addEventListener('abort', onAbort, {once: true});
		guard(() => {
			start(finish, guard);
		})();
	});
}

/** Elapsed milliseconds since `started` (a `performance.now()` value), rounded. */
export function elapsed(started: number): number {
	return Math.round(performance.now() - started);
}
