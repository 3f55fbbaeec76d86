import os from 'node:os';
import type {CommandStep} from '../runbook/schema.js';
import type {SessionController} from './controller.js';
import {durationSeconds} from './durations.js';
import {resolveParams} from './resolve-params.js';
import {platformSkipReason, trainingSkipReason} from './skip-reason.js';
import type {RunOptions} from './run-options.js';
import type {CommandResult, Session} from './state.js';

/** Evidence is kept, but bounded: a runaway command must not bloat the state file. */
const maxOutputChars = 16_000;

/**
Runs a command step through execa with an argument array (never a shell, so input values cannot
inject commands), captures exit code and output as evidence, and records pass or fail.
*/
export async function runCommandStep(controller: SessionController, step: CommandStep, options: RunOptions): Promise<Session> {
	if (options.skipCommands) {
		return controller.dispatch({type: 'step.skipped', stepId: step.id, reason: options.skipCommands});
	}

	if (controller.session.training) {
		// Opened without --training: still never run a real command as a trainee's evidence.
		return controller.dispatch({type: 'step.skipped', stepId: step.id, reason: trainingSkipReason});
	}

	const otherPlatform = platformSkipReason(step);
	if (otherPlatform) {
		return controller.dispatch({type: 'step.skipped', stepId: step.id, reason: otherPlatform});
	}

	const resolved = resolveParams(controller.loaded, controller.session, step.argv);
	const argv = (resolved.params as unknown[]).flatMap(part => (Array.isArray(part) ? part.map(String) : [String(part)]));
	const [file, ...args] = argv as [string, ...string[]];
	const ttlSeconds = durationSeconds(step.ttl ?? controller.loaded.runbook.defaultTtl);
	controller.dispatch({type: 'step.started', stepId: step.id});
	const startedAt = new Date().toISOString();
	const started = performance.now();
	// Imported here, not at the top: execa costs ~50 ms to load, and most sessions start without a command step.
	const {execa} = await import('execa');
	const outcome = await execa(file, args, {
		reject: false,
		all: true,
		stdin: 'ignore',
		timeout: step.timeout ? durationSeconds(step.timeout) * 1000 : 120_000,
		cancelSignal: options.signal,
		windowsHide: true,
		maxBuffer: 10_000_000,
	});
	if (options.signal.aborted) {
		return controller.dispatch({type: 'step.cancelled', stepId: step.id});
	}

	const all = typeof outcome.all === 'string' ? outcome.all : '';
	const failure = outcome.failed && outcome.exitCode === undefined ? outcome.shortMessage : outcome.timedOut ? `timed out: ${outcome.shortMessage}` : undefined;
	const command: CommandResult = {
		argv,
		exitCode: outcome.exitCode,
		...(failure ? {failure} : {}),
		output: all.length > maxOutputChars ? all.slice(-maxOutputChars) : all,
		truncated: all.length > maxOutputChars,
		startedAt,
		durationMs: Math.round(performance.now() - started),
		host: os.hostname(),
	};
	const success = (step.successExitCodes ?? [0]).includes(outcome.exitCode ?? Number.NaN) && !failure;
	return controller.dispatch({
		type: 'command.finished',
		stepId: step.id,
		command,
		state: failure && outcome.exitCode === undefined ? 'error' : success ? 'passed' : 'failed',
		ttlSeconds,
		usedInputs: resolved.usedInputs,
	});
}
