import {inputFileLimits, readInputText, type InputFileError} from '../files/read-input-file.js';
import os from 'node:os';
import path from 'node:path';
import type {RunOptions} from '../engine/run-options.js';
import {embeddedRunbookPath, loadRunbook, runbookSources, type LoadedRunbook} from '../runbook/load-runbook.js';
import {readCachedRunbook, writeCachedRunbook} from '../runbook/runbook-cache.js';
import {openSession, type OpenedSession} from '../session/open-session.js';
import {programVersion} from '../install/version.js';
import {defaultStateDir} from '../store/state-dir.js';
import {trainingRun} from '../training/cli-training.js';
import {controlCharacterProblem, escapeControls} from '../text/escape-controls.js';
import {UsageError, type CliArgs} from './args.js';

/** What every command needs, resolved once from the arguments. */
export type CliContext = {
	args: CliArgs;
	stateDir: string;
	operator: string;
	out: (text: string) => void;
	err: (text: string) => void;
	/** With --training: what runs differently (the simulated site instead of the network). */
	training?: Pick<RunOptions, 'probesFor' | 'skipCommands'>;
};

export function createContext(args: CliArgs): CliContext {
	const stateDir = args.stateDir ? path.resolve(args.stateDir) : defaultStateDir();
	// --training: the training state directory, never the real one, and the session's simulated site.
	const training = args.training ? trainingRun(stateDir) : undefined;
	const operator = args.operator ?? safeUserName();
	// Recorded on every journal entry and shown to whoever reads it: typed text, so refused, not escaped.
	const problem = controlCharacterProblem('--operator', operator);
	if (problem) {
		throw new UsageError(problem);
	}

	return {
		args,
		stateDir: training?.stateDir ?? stateDir,
		operator,
		// The output boundary: session data, step files and peers' replies never drive the terminal.
		out: text => process.stdout.write(`${escapeControls(text)}\n`),
		err: text => process.stderr.write(`${escapeControls(text)}\n`),
		...(training ? {training: training.run} : {}),
	};
}

function safeUserName(): string {
	try {
		return os.userInfo().username;
	} catch {
		return process.env.USER ?? process.env.USERNAME ?? 'unknown';
	}
}

/** The step file in use: `--runbook FILE`, or the embedded Azure Stack Hub runbook. */
export function loadCliRunbook(context: CliContext): LoadedRunbook {
	const file = context.args.runbook ? path.resolve(context.args.runbook) : embeddedRunbookPath();
	const display = context.args.runbook ?? path.join('steps', path.basename(file));
	const cacheDir = path.join(context.stateDir, 'cache');
	const version = programVersion();
	const cached = readCachedRunbook(cacheDir, file, version);
	if (cached) {
		return cached;
	}

	const loaded = loadRunbook(file, display);
	writeCachedRunbook(cacheDir, loaded, runbookSources(loaded), version);
	return loaded;
}

/** Opens the named session, creating it when asked; prints what resume found. */
export function openCliSession(context: CliContext, create = true): OpenedSession | undefined {
	const loaded = loadCliRunbook(context);
	// Training sessions are created by "train start" only, with their scenario beside them.
	const opened = openSession({loaded, stateDir: context.stateDir, name: context.args.session, operator: context.operator, create: create && !context.training});
	if (!opened && context.training && create) {
		throw new UsageError(`no training session "${context.args.session}" in ${context.stateDir}; start one with: azs-runbook train start SCENARIO --trainee NAME`);
	}

	if (opened && !context.args.json) {
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
