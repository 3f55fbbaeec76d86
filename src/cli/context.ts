import {inputFileLimits, readInputText, type InputFileError} from '../files/read-input-file.js';
import os from 'node:os';
import path from 'node:path';
import type {RunOptions} from '../engine/run-options.js';
import {embeddedRunbookPath} from '../install/steps-dir.js';
import type {LoadedRunbook} from '../runbook/load-runbook.js';
import {readCachedRunbook, writeCachedRunbook} from '../runbook/runbook-cache.js';
import {shippedRunbook} from '../runbook/shipped-runbook.js';
import {openSession, type OpenedSession} from '../session/open-session.js';
import {programVersion} from '../install/version.js';
import {defaultStateDir, stateDirFor} from '../store/state-dir.js';
import {listSessions} from '../store/session-store.js';
import {didYouMean} from '../runbook/suggest.js';
import {readTrainingState} from '../training/training-state.js';
import {controlCharacterProblem} from '../text/escape-controls.js';
import type {TrainingRun} from '../training/cli-training.js';
import {UsageError, type CliArgs} from './args.js';
import {locatorFrom, suggestCommand, type SessionLocator} from './suggested-command.js';
import {consoleText} from './console-text.js';

/** What every command needs, resolved once from the arguments. */
export type CliContext = {
	args: CliArgs;
	stateDir: string;
	operator: string;
	out: (text: string) => void;
	err: (text: string) => void;
	/** What reaches this session from another command line: session, state directory, training, runbook, CA, resolver. */
	locator: () => SessionLocator;
	/** A command to suggest to the operator, e.g. command(['confirm', STEP]): it acts on this same session. */
	command: (words: readonly string[]) => string;
	/** With --training: what runs differently (the simulated site instead of the network). */
	training?: Pick<RunOptions, 'probesFor' | 'skipCommands'>;
};

/** The context of a command line; with --training the simulator is loaded, never otherwise. */
export async function createContext(args: CliArgs): Promise<CliContext> {
	const stateDir = stateDirFor(args.stateDir);
	// --training: the training state directory, never the real one, and the session's simulated site.
	return contextFor(args, stateDir, args.training ? (await import('../training/cli-training.js')).trainingRun(stateDir) : undefined);
}

/** The context for `stateDir` (already resolved), with the training side when the command has --training. */
export function contextFor(args: CliArgs, stateDir: string, training?: TrainingRun): CliContext {
	// Computed when a command is first suggested: the default directory is only worth comparing then.
	let located: SessionLocator | undefined;
	const locator = () => located ??= locatorFrom(args, args.stateDir === undefined ? undefined : defaultStateDirIfReadable());
	const operator = args.operator ?? safeUserName();
	// Recorded on every journal entry and shown to whoever reads it: typed text, so refused, not escaped.
	if (operator.trim() === '') {
		throw new UsageError('--operator must name who is acting; it is recorded on every journal entry and cannot be empty');
	}

	const problem = controlCharacterProblem('--operator', operator);
	if (problem) {
		throw new UsageError(problem);
	}

	return {
		args,
		locator,
		command: words => suggestCommand(locator(), words),
		stateDir: training?.stateDir ?? stateDir,
		operator,
		// The output boundary (console-text.ts): nothing drives the terminal; ASCII where the console needs it.
		out: text => process.stdout.write(`${consoleText(text, process.stdout)}\n`),
		err: text => process.stderr.write(`${consoleText(text, process.stderr)}\n`),
		...(training ? {training: training.run} : {}),
	};
}

/**
Who acts in a session: `--operator`, else in a training session its trainee (the exercise is theirs,
whoever's account runs it), else the OS user.
*/
export function trainingOperator(context: CliContext, session: string): string {
	if (context.args.operator !== undefined) {
		return context.operator;
	}

	try {
		// Only a training session has a training state beside it (real sessions never live there).
		return readTrainingState(context.stateDir, session)?.trainee ?? context.operator;
	} catch {
		// A damaged training state is reported by the command that needs it; the name falls back.
		return context.operator;
	}
}

/** The platform default, or undefined when this user cannot read it (then --state-dir is always named). */
function defaultStateDirIfReadable(): string | undefined {
	try {
		return defaultStateDir();
	} catch {
		return undefined;
	}
}

function safeUserName(): string {
	try {
		return os.userInfo().username;
	} catch {
		return process.env.USER ?? process.env.USERNAME ?? 'unknown';
	}
}

/**
The step file in use: `--runbook FILE`, or the embedded Azure Stack Hub runbook. The YAML parser and
the validators (and through them every check's parameters) are loaded only when neither the
build-time record nor the state directory's cache holds this runbook: never on the way to the first
frame of an unchanged install.
*/
export async function loadCliRunbook(context: CliContext): Promise<LoadedRunbook> {
	const file = context.args.runbook ? path.resolve(context.args.runbook) : embeddedRunbookPath();
	const display = context.args.runbook ?? path.join('steps', path.basename(file));
	const cacheDir = path.join(context.stateDir, 'cache');
	const version = programVersion();
	const cached = shippedRunbook(file) ?? readCachedRunbook(cacheDir, file, version);
	if (cached) {
		return cached;
	}

	const {loadRunbook, runbookSources} = await import('../runbook/load-runbook.js');
	const loaded = loadRunbook(file, display);
	writeCachedRunbook(cacheDir, loaded, runbookSources(loaded), version);
	return loaded;
}

/**
Whether this command may create its session when none is saved. Never silently for a name that
may be a typo: only `run` and `set` on the default session, or any command with --new.
*/
function mayCreate(context: CliContext): boolean {
	return context.args.new || ((context.args.command === 'run' || context.args.command === 'set') && context.args.session === 'default');
}

/** The refusal for a session that does not exist: which sessions do, and how to start this one. */
export function missingSession(context: CliContext): UsageError {
	if (context.training) {
		return new UsageError(`no training session "${context.args.session}" in ${context.stateDir}; start one with: ${context.command(['train', 'start', 'SCENARIO', '--trainee', 'NAME'])}`);
	}

	const names = listSessions(context.stateDir).map(summary => summary.name);
	const known = names.length > 0 ? `${didYouMean(context.args.session, names)}; sessions here: ${names.join(', ')}` : '';
	return new UsageError(`no session "${context.args.session}" in ${context.stateDir}${known}. To start it, add --new to the command, or open it in the interactive runbook: ${context.command([])}`);
}

/** Opens the named session, creating it only when allowed (mayCreate) and saying so; prints what resume found. */
export async function openCliSession(context: CliContext): Promise<OpenedSession> {
	const loaded = await loadCliRunbook(context);
	// Training sessions are created by "train start" only, with their scenario beside them.
	const create = mayCreate(context) && !context.training;
	const opened = openSession({loaded, stateDir: context.stateDir, name: context.args.session, operator: trainingOperator(context, context.args.session), create});
	if (!opened) {
		throw missingSession(context);
	}

	if (!opened.findings.resumed) {
		context.err(`created session "${context.args.session}" in ${context.stateDir}`);
	}

	if (!context.args.json) {
		const {findings} = opened;
		for (const notice of findings.notices) {
			context.err(`note: ${notice}`);
		}

		if (findings.replayed > 0) {
			context.err(`note: ${findings.replayed} journal entr${findings.replayed === 1 ? 'y' : 'ies'} newer than the saved state were replayed`);
		}

		const changes = findings.runbookChanges;
		if (changes) {
			context.err(`note: the runbook changed since this session started: ${changes.changed.length} changed, ${changes.added.length} added, ${changes.removed.length} removed step(s)${changes.changed.length ? ` (changed: ${changes.changed.join(', ')})` : ''}`);
		}

		for (const stepId of findings.interrupted) {
			context.err(`note: ${stepId} was running when the last process stopped; it is back to its previous state and must run again`);
		}

		for (const stale of findings.stale) {
			context.err(`note: ${stale.stepId} must re-run: ${stale.reason}`);
		}
	}

	return opened;
}

/** Run options from the flags: timeout, extra CAs, resolver override. */
export function runOptionsFrom(context: CliContext, signal: AbortSignal): RunOptions {
	const extraCaPem = context.args.ca.map(file => {
		try {
			return readInputText(file, inputFileLimits.ca, 'it');
		} catch (error) {
			throw new UsageError(`--ca ${file}: ${(error as InputFileError).message}`);
		}
	});
	return {
		signal,
		timeoutMs: context.args.timeoutMs ?? 5000,
		concurrency: 8,
		extraCaPem,
		...(context.args.dnsServers ? {dnsServersOverride: context.args.dnsServers} : {}),
		...context.training,
	};
}
