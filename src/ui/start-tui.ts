import type {CliContext} from '../cli/context.js';
import {loadCliRunbook} from '../cli/context.js';
import {onStopSignals} from '../cli/stop-signals.js';
import {colorEnabled} from './color-enabled.js';
import {createServices} from './create-services.js';
import {suggestCommand} from '../cli/suggested-command.js';
import {sessionChoices} from './session-choices.js';
import {watchConfigFromEnv} from './watch-env.js';
import {stopYoungGenerationGrowth} from './young-generation.js';
import {saveCodeCache} from '../install/save-code-cache.js';

/** Alternate screen on and cursor home; off again restores what the terminal showed before. */
const enterAltScreen = '\u001B[?1049h\u001B[H';
const leaveAltScreen = '\u001B[?1049l';

/**
Starts the interactive runbook. Ink, React and the screens are imported here, in parallel with
loading the runbook, so `--help` and the plain commands never pay for them. On quit the store is
closed (lock released), the terminal restored, and the way back is printed.
*/
export async function startTui(context: CliContext): Promise<number> {
	const watchConfig = watchConfigFromEnv(process.env);
	const ui = Promise.all([import('ink'), import('react'), import('./components/App.js'), import('./state/initial-state.js'), import('./hooks/use-terminal-size.js')]);
	// Awaited together: a screen module that fails to load while the runbook loads (or after the
	// runbook failed) is reported as the command's error, never an unhandled rejection.
	const [loaded, [{render}, {createElement}, {default: App}, {initialUiState}, {terminalSize}]] = await Promise.all([loadCliRunbook(context), ui]);
	const sessions = sessionChoices(loaded.runbook, context.stateDir);
	const services = createServices(context, loaded);

	const initial = initialUiState({
		runbook: loaded.runbook,
		operator: context.operator,
		now: services.now(),
		size: terminalSize(process.stdout),
		sessions,
		preferred: context.args.session,
		openPreferred: context.args.sessionGiven,
		watchConfig,
	});
	const color = colorEnabled(process.env);
	const restore = () => process.stdout.write(leaveAltScreen);
	process.stdout.write(enterAltScreen);
	process.once('exit', restore);
	let name: string | undefined;
	let stopListening: (() => void) | undefined;
	try {
		const instance = render(createElement(App, {initial, services, color}), {exitOnCtrlC: false});
		// After the first frame: the next start reuses what this one compiled (before the flag below
		// changes, which V8 would refuse the cache for); start-up keeps the young generation it
		// needed, the long session no more.
		saveCodeCache();
		stopYoungGenerationGrowth();
		// Ctrl+Break, a closed console window or terminal, a kill: leave like `q` (the lock is released below).
		stopListening = onStopSignals(() => instance.unmount());
		await instance.waitUntilExit();
	} finally {
		stopListening?.();
		name = services.openedName();
		services.close();
		process.removeListener('exit', restore);
		restore();
	}

	if (name) {
		context.err(`Progress is saved. Resume with: ${suggestCommand({...context.locator(), session: name}, [])}`);
	}

	return 0;
}
