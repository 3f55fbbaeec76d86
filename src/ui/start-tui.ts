import type {CliContext} from '../cli/context.js';

/** Starts the interactive runbook. Until the Ink screens land, shows the plain status. */
export async function startTui(context: CliContext): Promise<number> {
	const {statusCommand} = await import('../cli/commands/status.js');
	return statusCommand(context);
}
