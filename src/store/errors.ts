/** A problem with saved state (corrupt, locked, unwritable): exit code 3. */
export class StateError extends Error {
	override name = 'StateError';
}

/**
Another live process holds the session. `confirmed` when that process was checked to be this
program (Linux: its start time in /proc); only then does the message advise stopping it.
*/
export class SessionLockedError extends StateError {
	override name = 'SessionLockedError';
	readonly pid: number;

	constructor(session: string, pid: number, host: string, confirmed = true, lockFile = '') {
		super(
			confirmed
				? `session "${session}" is in use by process ${pid} on ${host}; close that runbook first (or, if it hangs, stop it: kill ${pid})`
				: `session "${session}" is in use by process ${pid} on ${host}, which is running but could not be confirmed to be azs-runbook (this platform does not show it); close any azs-runbook using this session first. If none is running, the lock is stale: remove ${lockFile || 'its lock file'}`,
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

/**
The saved state and its journal do not vouch for each other. Nothing was written; the operator
chooses between rebuilding the state from the journal and keeping both aside to start afresh.
*/
export class JournalMismatchError extends StateError {
	override name = 'JournalMismatchError';

	constructor(private readonly session: string, private readonly problem: string, private readonly rebuildableEntries: number) {
		super('');
		// Without a CLI to build the commands (the interactive screen): the program name and the session.
		this.message = this.describe(words => ['azs-runbook', '--session', session, ...words].join(' '), true);
	}

	/** The text with each suggested command built by `command` (the CLI's, which carries --state-dir, --runbook…). */
	describe(command: (words: readonly string[]) => string, plain = false): string {
		const {session, problem, rebuildableEntries} = this;
		const rebuild = rebuildableEntries > 0
			? `  - rebuild the state from the journal's ${rebuildableEntries} verified entr${rebuildableEntries === 1 ? 'y' : 'ies'} (the current state and journal are kept aside as they are):\n      ${command(['journal', 'rebuild', '--yes'])}\n`
			: '  - (the journal holds no verified entries to rebuild the state from)\n';
		return `session "${session}": the saved state and its journal do not vouch for each other: ${problem}. Nothing was written. Choose one${plain ? ' (with the same --state-dir and --runbook as this command)' : ''}:\n${rebuild}  - keep both aside and start a fresh session:\n      ${command(['reset', '--yes'])}\nTo see the details first: ${command(['journal', 'verify'])}`;
	}
}
