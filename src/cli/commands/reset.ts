import {createInterface} from 'node:readline/promises';
import {setAsideForReset} from '../../store/reset-files.js';
import {SessionStore} from '../../store/session-store.js';
import {UsageError} from '../args.js';
import type {CliContext} from '../context.js';

/** `reset`: starts the session again; the old state and journal are kept as a timestamped backup. */
export async function resetCommand(context: CliContext): Promise<number> {
	if (!context.args.yes) {
		if (!process.stdin.isTTY) {
			throw new UsageError(`reset needs --yes when there is no terminal to ask (it restarts session "${context.args.session}")`);
		}

		const prompt = createInterface({input: process.stdin, output: process.stdout});
		const answer = await prompt.question(`Start session "${context.args.session}" again? The current state is kept as a backup. [y/N] `);
		prompt.close();
		if (!/^y(es)?$/i.test(answer.trim())) {
			context.out('Nothing changed.');
			return 0;
		}
	}

	const store = SessionStore.open({stateDir: context.stateDir, name: context.args.session});
	try {
		const stamp = new Date().toISOString().replaceAll(':', '-');
		// Journal first: a kill between the two renames leaves a state whose journal backup ends
		// where it does, and the next open finishes the reset.
		const kept = setAsideForReset(store.paths, stamp);
		context.out(kept.length > 0 ? `Session "${context.args.session}" reset. Kept: ${kept.join(', ')}` : `Session "${context.args.session}" had no saved state.`);
		return 0;
	} finally {
		store.close();
	}
}
