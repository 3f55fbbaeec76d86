#!/usr/bin/env node
import {parseCliArgs, UsageError, type CliArgs} from './cli/args.js';
import {helpText} from './cli/help.js';
import {programVersion} from './install/version.js';
import {exitOnStopSignals, stopForClosedOutput} from './cli/stop-signals.js';
import type * as StartTuiModule from './ui/start-tui.js';

/*
The entry point. Arguments are parsed with node:util first; everything heavy (yaml, zod, conf,
execa, Ink, React) is imported only by the command that needs it, so `--help` stays close to
bare node start-up.
*/

type Command = (args: CliArgs) => Promise<number>;

const commands: Record<string, Command> = {
	async status(args) {
		const [{createContext}, {statusCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/status.js')]);
		return statusCommand(await createContext(args));
	},
	async run(args) {
		const [{createContext}, {runCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/run.js')]);
		return runCommand(await createContext(args));
	},
	async set(args) {
		const [{createContext}, {setCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/set.js')]);
		return setCommand(await createContext(args));
	},
	async confirm(args) {
		const [{createContext}, {confirmCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/attest.js')]);
		return confirmCommand(await createContext(args));
	},
	async override(args) {
		const [{createContext}, {overrideCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/attest.js')]);
		return overrideCommand(await createContext(args));
	},
	async unfreeze(args) {
		const [{createContext}, {unfreezeCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/attest.js')]);
		return unfreezeCommand(await createContext(args));
	},
	async note(args) {
		const [{createContext}, {noteCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/note.js')]);
		return noteCommand(await createContext(args));
	},
	async sessions(args) {
		const [{createContext}, {sessionsCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/sessions.js')]);
		return sessionsCommand(await createContext(args));
	},
	async reset(args) {
		const [{createContext}, {resetCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/reset.js')]);
		return resetCommand(await createContext(args));
	},
	async validate(args) {
		const [{createContext}, {validateCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/validate.js')]);
		return validateCommand(await createContext(args));
	},
	async journal(args) {
		const [{createContext}, {journalCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/journal.js')]);
		return journalCommand(await createContext(args));
	},
	async report(args) {
		const [{createContext}, {reportCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/report.js')]);
		return reportCommand(await createContext(args));
	},
	async requests(args) {
		const [{createContext}, {requestsCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/requests.js')]);
		return requestsCommand(await createContext(args));
	},
	async handover(args) {
		const [{createContext}, {handoverCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/handover.js')]);
		return handoverCommand(await createContext(args));
	},
	async diff(args) {
		const [{createContext}, {diffCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/diff.js')]);
		return diffCommand(await createContext(args));
	},
	async inputs(args) {
		const [{createContext}, {inputsCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/inputs.js')]);
		return inputsCommand(await createContext(args));
	},
	async collect(args) {
		const [{createContext}, {collectCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/collect.js')]);
		return collectCommand(await createContext(args));
	},
	async results(args) {
		const [{createContext}, {resultsCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/results.js')]);
		return resultsCommand(await createContext(args));
	},
	async train(args) {
		const [{createContext}, {trainCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/train.js')]);
		return trainCommand(await createContext(args));
	},
};

/** No command: the TUI on a terminal, otherwise the plain status with a hint (never a raw-mode crash). */
async function interactive(args: CliArgs): Promise<number> {
	const [{createContext}, {statusCommand}] = await Promise.all([import('./cli/context.js'), import('./cli/commands/status.js')]);
	const context = await createContext(args);
	if (process.stdin.isTTY === true && process.stdout.isTTY === true) {
		let tui: typeof StartTuiModule | undefined;
		// React's development build records a performance measure per render and never clears them:
		// ~40 MB per 1,000 watch iterations (bench/tui-memory.ts). A field session runs for days.
		// (The bundle has production built in; through a local name the bundler leaves this assignment alone.)
		const env = process.env;
		env.NODE_ENV ??= 'production';
		try {
			tui = await import('./ui/start-tui.js');
		} catch (error) {
			// A broken install should still leave the operator with a working plain CLI, and say why.
			await writeError(`azs-runbook: the interactive screen could not start (${(error as Error).message}); showing the plain status\n`);
		}

		if (tui) {
			return tui.startTui(context);
		}
	}

	const continueWith = [['run', '--phase', 'ID'], ['set', 'NAME=VALUE'], ['confirm', 'STEP']].map(words => context.command(words));
	return statusCommand(
		context,
		`No interactive terminal here, so this is the plain status. Continue with:\n  ${continueWith.join('\n  ')}\n(${context.command(['--help'])} lists all.)`,
	);
}

/**
Through the plain output boundary (cli/console-text.ts): error messages quote files and peers'
replies (escaped), and a console without the glyphs gets ASCII stand-ins (help's "…" too).
*/
async function writeConsole(stream: NodeJS.WriteStream, text: string): Promise<void> {
	const {consoleText} = await import('./cli/console-text.js');
	stream.write(consoleText(text, stream));
}

const writeError = async (text: string) => writeConsole(process.stderr, text);
const writeHelp = async (text: string) => writeConsole(process.stdout, text);

/** An error's text with any suggested command built for this session (its options, the way this program was started). */
async function errorText(error: Error, args: CliArgs | undefined): Promise<string> {
	const {suggestsCommands, plainCommand} = await import('./engine/command-hint.js');
	if (!suggestsCommands(error)) {
		return error.message;
	}

	if (!args) {
		return error.describe(plainCommand());
	}

	const {locatorFrom, suggestCommand} = await import('./cli/suggested-command.js');
	const locator = locatorFrom(args);
	return error.describe(words => suggestCommand(locator, words));
}

async function exitCodeFor(error: unknown, args?: CliArgs): Promise<number> {
	if (error instanceof UsageError) {
		// One line: what was wrong, and where the usage is (a command that pastes, however this was started).
		const {programCommand} = await import('./cli/suggested-command.js');
		await writeError(`azs-runbook: ${error.message} (see ${programCommand(error.helpTopic ? ['help', error.helpTopic] : ['--help'])})\n`);
		return 2;
	}

	const [{StepFileError}, {EngineRefusal}, {StateError}] = await Promise.all([
		import('./runbook/load-errors.js'),
		import('./engine/actions.js'),
		import('./store/errors.js'),
	]);
	if (error instanceof StepFileError) {
		await writeError(`${error.message}\n`);
		return 2;
	}

	if (error instanceof EngineRefusal) {
		await writeError(`azs-runbook: ${await errorText(error, args)}\n`);
		return 2;
	}

	if (error instanceof StateError) {
		await writeError(`azs-runbook: ${await errorText(error, args)}\n`);
		return 3;
	}

	await writeError(`azs-runbook: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
	return 70;
}

async function main(argv: string[]): Promise<number> {
	let args: CliArgs;
	try {
		args = parseCliArgs(argv);
	} catch (error) {
		return exitCodeFor(error);
	}

	if (args.command === 'help' || (args.help && args.command !== undefined)) {
		// `help [COMMAND]` and `COMMAND --help`: that command's help (the full text without one).
		const topic = args.command === 'help' ? args.positionals[0] : args.command;
		if (args.command === 'help' && args.positionals.length > 1) {
			return exitCodeFor(new UsageError(`help takes at most 1 argument; unexpected "${args.positionals[1]!}"`));
		}

		if (topic === undefined) {
			await writeHelp(helpText);
			return 0;
		}

		const {commandHelp} = await import('./cli/command-help.js');
		if (!Object.hasOwn(commands, topic)) {
			const {didYouMean} = await import('./runbook/suggest.js');
			return exitCodeFor(new UsageError(`no help for "${topic}": not a command${didYouMean(topic, Object.keys(commands))}`));
		}

		// A command the help text has no entry for yet still gets help: the whole of it.
		await writeHelp(commandHelp(topic) ?? helpText);
		return 0;
	}

	if (args.help) {
		await writeHelp(helpText);
		return 0;
	}

	if (args.version) {
		process.stdout.write(`${programVersion()}\n`);
		return 0;
	}

	try {
		if (args.command === undefined) {
			return await interactive(args);
		}

		// Own names only: "constructor" or "toString" are not commands.
		const command = Object.hasOwn(commands, args.command) ? commands[args.command] : undefined;
		if (!command) {
			const {didYouMean} = await import('./runbook/suggest.js');
			throw new UsageError(`unknown command "${args.command}"${didYouMean(args.command, Object.keys(commands))}`);
		}

		const {checkPositionals} = await import('./cli/positional-limits.js');
		checkPositionals(args.command, args.positionals);
		return await command(args);
	} catch (error) {
		return exitCodeFor(error, args);
	}
}

// Output piped into `head` and closed early is not an error of ours: a run stops as on Ctrl+C (each
// interrupted step recorded as cancelled, the lock released); anything else stops quietly at once.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') {
		if (!stopForClosedOutput()) {
			process.exit(process.exitCode ?? 0);
		}

		return;
	}

	throw error;
});

exitOnStopSignals();
process.exitCode = await main(process.argv.slice(2));
