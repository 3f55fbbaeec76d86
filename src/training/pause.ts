import {setMaxListeners} from 'node:events';

/**
Waits `ms` milliseconds, or less when `signal` aborts first. Resolves true when aborted. Leaves no
timer or listener behind, so a simulated probe is as tidy as a real one.
*/
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) {
		return true;
	}

	if (ms <= 0) {
		return false;
	}

	return new Promise(resolve => {
		const onAbort = () => {
			clearTimeout(timer);
			resolve(true);
		};

		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve(false);
		}, ms);
		// Many simulated probes wait on one run's signal at once; each removes its listener, so nothing leaks.
		setMaxListeners(0, signal);
		signal.addEventListener('abort', onAbort, {once: true});
	});
}
