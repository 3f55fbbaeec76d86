import {render} from 'ink-testing-library';
import {afterEach} from 'vitest';
import {parseCliArgs} from '../../../src/cli/args.js';
import path from 'node:path';
import {contextFor} from '../../../src/cli/context.js';
import {loadRunbook} from '../../../src/runbook/load-runbook.js';
import App from '../../../src/ui/components/App.js';
import {createServices} from '../../../src/ui/create-services.js';
import {sessionChoices} from '../../../src/ui/session-choices.js';
import {initialUiState} from '../../../src/ui/state/initial-state.js';
import type {WatchConfig} from '../../../src/ui/state/ui-state.js';
import type {TuiServices} from '../../../src/ui/tui-services.js';

export type MountOptions = {
	runbook: string;
	stateDir: string;
	session?: string;
	size?: {columns: number; rows: number};
	services?: Partial<TuiServices>;
	watchConfig?: WatchConfig;
	operator?: string;
	color?: boolean;
	/** As with --session on the command line: open the session at once. */
	openPreferred?: boolean;
};

const mounted: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of mounted.splice(0)) {
		cleanup();
	}
});

/**
Renders the real App over the real store and engine (a temporary state directory), at 80×24 by
default. Services can be replaced (a controllable check run). Unmounted and closed after the test.
*/
export function mountApp(options: MountOptions) {
	const args = parseCliArgs(['--state-dir', options.stateDir, '--runbook', options.runbook, '--session', options.session ?? 't1', '--timeout', '1000']);
	const context = {...contextFor(args, path.resolve(options.stateDir)), operator: options.operator ?? 'alice'};
	// As startTui loads it (loadCliRunbook), without the state directory's runbook cache.
	const loaded = loadRunbook(path.resolve(options.runbook), options.runbook);
	const real = createServices(context, loaded);
	const services: TuiServices = {...real, ...options.services};
	const initial = initialUiState({
		runbook: loaded.runbook,
		operator: context.operator,
		now: Date.now(),
		size: options.size ?? {columns: 80, rows: 24},
		sessions: sessionChoices(loaded.runbook, options.stateDir),
		preferred: context.args.session,
		openPreferred: options.openPreferred ?? false,
		...(options.watchConfig ? {watchConfig: options.watchConfig} : {}),
	});
	const rendered = render(<App initial={initial} services={services} color={options.color ?? false} fixedSize />);
	mounted.push(() => {
		rendered.unmount();
		real.close();
	});
	return {...rendered, real, loaded};
}
