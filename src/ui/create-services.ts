import type {CliContext} from '../cli/context.js';
import {missingSession, runOptionsFrom, trainingOperator} from '../cli/context.js';
import {progressSummary} from '../exchange/collect-progress.js';
import type {LoadedRunbook} from '../runbook/load-runbook.js';
import {drainInbox} from '../session/drain-inbox.js';
import {openSession, type OpenedSession} from '../session/open-session.js';
import {readJournal} from '../store/journal.js';
import {readTrainingState} from '../training/training-state.js';
import {suggestCommand} from '../cli/suggested-command.js';
import {createAlert} from './terminal-alert.js';
import type {TuiServices} from './tui-services.js';

/** The real services plus what start-tui needs afterwards: which session is open, and closing it. */
/** How often the open session's inbox is looked at. */
const inboxPollMs = 1000;

export type RealServices = TuiServices & {openedName: () => string | undefined; close: () => void};

/**
Services over the real store and engine. Opening a session takes its lock (a live holder refuses
with its PID); openSession cancels steps a killed process left "running" and lists them.
*/
export function createServices(context: CliContext, loaded: LoadedRunbook): RealServices {
	let current: OpenedSession | undefined;
	let inboxTimer: NodeJS.Timeout | undefined;
	// While the TUI holds the session, notes, hints and escalations sent from another terminal wait in
	// its inbox: taken in every second (a stat when nothing is new). A failure (a full disk) leaves them
	// there, durable, for the next tick or the next open.
	const takeInInbox = () => {
		try {
			if (current) {
				drainInbox(current.controller, current.store.paths.inbox);
			}
		} catch {
			// Kept in the inbox; tried again.
		}
	};

	return {
		open(name, create) {
			// A training session is made only by "train start", with its scenario beside it.
			const opened = openSession({loaded, stateDir: context.stateDir, name, operator: trainingOperator(context, name), create: create && !context.training});
			if (!opened) {
				throw new Error(context.training ? missingSession({...context, args: {...context.args, session: name}}).message : `there is no saved session "${name}" in ${context.stateDir}`);
			}

			current?.store.close();
			current = opened;
			inboxTimer ??= setInterval(takeInInbox, inboxPollMs).unref();
			// A training session's site (and its scenario's hints) lies beside it in the same directory.
			const scenario = opened.controller.session.training ? readTrainingState(context.stateDir, name)?.scenario : undefined;
			return {controller: opened.controller, findings: opened.findings, interrupted: opened.findings.interrupted, ...(scenario ? {scenario} : {})};
		},
		// The engine's runner, the checks and the collector are loaded when first used, not before the first frame.
		async run(controller, target, onProbe, signal) {
			const {runSteps} = await import('../engine/run-steps.js');
			return runSteps(controller, target, {...runOptionsFrom(context, signal), yes: false, onProbe});
		},
		async collect(controller, hosts, onProgress, signal) {
			const [{collectHosts}, {sshSettingsFrom}] = await Promise.all([import('../exchange/collect-hosts.js'), import('../cli/commands/collect.js')]);
			await collectHosts(controller, {
				hosts,
				scope: {},
				operator: context.operator,
				options: runOptionsFrom(context, signal),
				ssh: sshSettingsFrom(context),
				signal,
				onProgress: progress => onProgress(progressSummary(progress)),
			});
		},
		now: () => Date.now(),
		alert: createAlert(process.stdout, process.env),
		readRecords(controller) {
			if (current?.controller !== controller) {
				throw new Error('no session is open');
			}

			return {entries: readJournal(current.store.paths.journal).entries, command: suggestCommand({...context.locator(), session: controller.session.name}, [])};
		},
		openedName: () => current?.controller.session.name,
		close() {
			clearInterval(inboxTimer);
			inboxTimer = undefined;
			current?.store.close();
			current = undefined;
		},
	};
}
