/** How a rendered report names commands: `journalVerify` is the command that proves the journal still holds its head, written the way the tool was started (default: `azs-runbook journal verify --head N:HASH`). */
export type RenderOptions = {journalVerify?: string};

/** The command a report prints to check its journal head, unless the caller gave one that reaches the session. */
export function journalVerifyCommand(entries: number, head: string, options: RenderOptions = {}): string {
	return options.journalVerify ?? `azs-runbook journal verify --head ${entries}:${head}`;
}
