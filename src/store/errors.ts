/** A problem with saved state (corrupt, locked, unwritable): exit code 3. */
export class StateError extends Error {
	override name = 'StateError';
}

/** Another live process holds the session. */
export class SessionLockedError extends StateError {
	override name = 'SessionLockedError';
	readonly pid: number;

	constructor(session: string, pid: number, host: string) {
		super(
			`session "${session}" is in use by process ${pid} on ${host}; close that runbook first (or, if it hangs, stop it: kill ${pid})`,
		);
		this.pid = pid;
	}
}

/** A state file that could not be used; it was moved aside and kept. */
export class CorruptStateError extends StateError {
	override name = 'CorruptStateError';
	readonly keptAt: string;

	constructor(file: string, keptAt: string, problem: string) {
		super(
			`the saved state ${file} could not be used (${problem}); it was kept as ${keptAt} (its journal beside it with the same suffix) and nothing was overwritten. Start again with the same --session to begin a new state, or restore the kept file by hand.`,
		);
		this.keptAt = keptAt;
	}
}
