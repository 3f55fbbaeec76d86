/*
Errors and refusals say what to run next as words ("unfreeze", NAME, "--reason", "…"), never as a
finished command line: only the CLI knows how it was started and which options reach the same
session (--session, --state-dir, --runbook, --training, --ca), and builds the line from the words.
*/

/** Builds a command line from a command's words (the CLI's suggestCommand, or plainCommand). */
export type CommandBuilder = (words: readonly string[]) => string;

/** An error whose text suggests commands; `describe` renders it with the given builder. */
export type SuggestsCommands = {describe: (command: CommandBuilder) => string};

export function suggestsCommands(error: unknown): error is SuggestsCommands {
	return error !== null && typeof error === 'object' && typeof (error as Partial<SuggestsCommands>).describe === 'function';
}

/** Where no CLI builds the line (the interactive screen, logs): the program name and the words. */
export function plainCommand(session?: string): CommandBuilder {
	return words => ['azs-runbook', ...(session === undefined ? [] : ['--session', session]), ...words].join(' ');
}
