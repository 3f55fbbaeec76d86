import os from 'node:os';

/*
The signals that mean "stop now; keep what is saved": Ctrl+C (SIGINT), a kill (SIGTERM), and on
Windows Ctrl+Break (SIGBREAK) and closing the console window (SIGHUP, which Windows follows with a
hard kill about ten seconds later); SIGHUP is also a closed terminal or SSH session on Linux.
Without a listener Node dies on them at once, skipping the exit handlers that release the lock.
*/
export const stopSignals = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] as const;
/** `SIGPIPE`: not a signal Node delivers (it ignores it), but standard output closed under us (EPIPE), e.g. `run | head -1`. */
export type StopSignal = (typeof stopSignals)[number] | 'SIGPIPE';

type StopHandler = (signal: StopSignal) => void;
const closedOutputHandlers = new Set<StopHandler>();

/** Calls `handler` on any stop signal, or when standard output is closed; returns the function that removes it again. */
export function onStopSignals(handler: StopHandler): () => void {
	for (const signal of stopSignals) {
		process.on(signal, handler);
	}

	closedOutputHandlers.add(handler);
	return () => {
		for (const signal of stopSignals) {
			process.removeListener(signal, handler);
		}

		closedOutputHandlers.delete(handler);
	};
}

/**
Standard output was closed by its reader: a command that stops itself (run) stops as on Ctrl+C,
recording each interrupted step as cancelled. Returns false when none is listening (exit at once then).
*/
export function stopForClosedOutput(): boolean {
	for (const handler of [...closedOutputHandlers]) {
		handler('SIGPIPE');
	}

	return closedOutputHandlers.size > 0;
}

/** The shell's exit status for a process stopped by `signal`: 128 + its number (130 for Ctrl+C). */
export function exitCodeForSignal(signal: StopSignal): number {
	const number = (os.constants.signals as Partial<Record<string, number>>)[signal] ?? {SIGBREAK: 21, SIGPIPE: 13}[signal as string] ?? 1;
	return 128 + number;
}

/**
The default for every command: exit through process.exit, so the exit handlers release the lock and
restore the terminal. A command that handles stopping itself (run, the interactive screen) adds its
own listener, and this one then stays out of the way.
*/
export function exitOnStopSignals(): void {
	for (const signal of stopSignals) {
		process.on(signal, () => {
			if (process.listenerCount(signal) > 1) {
				return;
			}

			process.exit(exitCodeForSignal(signal));
		});
	}
}
