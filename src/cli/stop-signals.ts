import os from 'node:os';

/*
The signals that mean "stop now; keep what is saved": Ctrl+C (SIGINT), a kill (SIGTERM), and on
Windows Ctrl+Break (SIGBREAK) and closing the console window (SIGHUP, which Windows follows with a
hard kill about ten seconds later); SIGHUP is also a closed terminal or SSH session on Linux.
Without a listener Node dies on them at once, skipping the exit handlers that release the lock.
*/
export const stopSignals = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] as const;
export type StopSignal = (typeof stopSignals)[number];

/** Calls `handler` on any stop signal; returns the function that removes it again. */
export function onStopSignals(handler: (signal: StopSignal) => void): () => void {
	for (const signal of stopSignals) {
		process.on(signal, handler);
	}

	return () => {
		for (const signal of stopSignals) {
			process.removeListener(signal, handler);
		}
	};
}

/** The shell's exit status for a process stopped by `signal`: 128 + its number (130 for Ctrl+C). */
export function exitCodeForSignal(signal: StopSignal): number {
	const number = (os.constants.signals as Partial<Record<string, number>>)[signal] ?? (signal === 'SIGBREAK' ? 21 : 1);
	return 128 + number;
}

/**
The default for every command: exit through process.exit, so the exit handlers release the lock and
restore the terminal. A command that handles stopping itself (run, the interactive screen) adds its
own listener, and this one then stays out of the way.
*/
export function exitOnStopSignals(): void {
	onStopSignals(signal => {
		if (process.listenerCount(signal) > 1) {
			return;
		}

		process.exit(exitCodeForSignal(signal));
	});
}
