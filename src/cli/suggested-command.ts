import path from 'node:path';
import type {CliArgs} from './args.js';

/**
Everything a suggested command must carry to act on the same session as the command that
suggested it: the session, where it is kept, whether it is a training one, and the options that
change what the checks conclude (a lab CA, a resolver override). Paths are absolute,
so the command works from any directory.
*/
export type SessionLocator = {
	session: string;
	stateDir?: string;
	training?: boolean;
	runbook?: string;
	ca?: string[];
	dnsServers?: string[];
};

/** The shell the command will be pasted into. `windows` quotes so PowerShell and cmd.exe both accept it. */
export type ShellKind = 'posix' | 'windows';

export type CommandStyle = {
	shell: ShellKind;
	/** How the program was started, e.g. ['npx', 'azs-runbook'] or ['npm', 'start', '--']. */
	program: string[];
};

/** The locator of the session the arguments name. `defaultStateDir` is left out when --state-dir equals it. */
export function locatorFrom(args: CliArgs, defaultStateDir?: string): SessionLocator {
	const stateDir = args.stateDir === undefined ? undefined : path.resolve(args.stateDir);
	return {
		session: args.session,
		...(stateDir !== undefined && stateDir !== defaultStateDir ? {stateDir} : {}),
		...(args.training ? {training: true} : {}),
		...(args.runbook ? {runbook: path.resolve(args.runbook)} : {}),
		...(args.ca.length > 0 ? {ca: args.ca.map(file => path.resolve(file))} : {}),
		...(args.dnsServers && args.dnsServers.length > 0 ? {dnsServers: args.dnsServers} : {}),
	};
}

/**
How this process was started, so a suggestion runs the same way: through `npm start --` or `npx`
when started so (a clean clone has no `azs-runbook` on PATH), `azs-runbook` when installed or
linked, otherwise `node <script>`.
*/
export function programFrom(env: NodeJS.ProcessEnv, argv: readonly string[], cwd: string): string[] {
	const launcher = kitLauncher(env.AZS_RUNBOOK_LAUNCHER, argv[1], cwd);
	if (launcher !== undefined) {
		return [launcher];
	}

	// npm's variables are inherited by every child: they describe this process only when they name it.
	if (env.npm_lifecycle_event === 'start' && env.npm_package_name === 'azs-runbook') {
		return ['npm', 'start', '--'];
	}

	if (env.npm_lifecycle_event === 'npx' && /^'?azs-runbook\b/.test(env.npm_lifecycle_script ?? '')) {
		return ['npx', 'azs-runbook'];
	}

	const script = argv[1];
	// Installed or linked: the bin link (POSIX) or the package inside node_modules (the Windows shim runs it by path).
	if (script === undefined || /^azs-runbook(\.(cmd|ps1|exe))?$/i.test(path.basename(script)) || script.split(/[\\/]/).includes('node_modules')) {
		return ['azs-runbook'];
	}

	const relative = path.relative(cwd, script);
	return ['node', relative.startsWith('..') || path.isAbsolute(relative) ? script : relative];
}

/** Windows paths (a drive letter or a backslash) are read with Windows rules on any machine, so tests can state them. */
function pathRulesFor(file: string): path.PlatformPath {
	return /^[A-Za-z]:[\\/]|\\/.test(file) ? path.win32 : path.posix;
}

/**
A kit's launcher (azs-runbook, azs-runbook.cmd) names itself in AZS_RUNBOOK_LAUNCHER: a kit's machine
often has no node on PATH, so a suggestion starts the launcher, not `node azs-runbook.mjs`. Only when
the launcher sits beside the script this process runs (a child that inherited the variable is not
the kit's program). Inside the working directory it is written relative with `./` or `.\`, which
PowerShell and a POSIX shell need to run a file from the current directory (cmd.exe accepts it too).
*/
function kitLauncher(launcher: string | undefined, script: string | undefined, cwd: string): string | undefined {
	if (!launcher || script === undefined) {
		return undefined;
	}

	const rules = pathRulesFor(launcher);
	const absolute = rules.resolve(cwd, launcher);
	if (rules.dirname(absolute) !== rules.dirname(rules.resolve(cwd, script))) {
		return undefined;
	}

	const relative = rules.relative(cwd, absolute);
	return relative.startsWith('..') || rules.isAbsolute(relative) ? absolute : `.${rules.sep}${relative}`;
}

/** The style for this process: its platform's shell and the way it was started. */
export function currentStyle(): CommandStyle {
	return {shell: process.platform === 'win32' ? 'windows' : 'posix', program: programFrom(process.env, process.argv, process.cwd())};
}

/** The words that select the session, in the order a person would type them. */
export function locatorWords(locator: SessionLocator): string[] {
	const words: string[] = [];
	if (locator.training) {
		words.push('--training');
	}

	words.push('--session', locator.session);
	if (locator.stateDir) {
		words.push('--state-dir', locator.stateDir);
	}

	if (locator.runbook) {
		words.push('--runbook', locator.runbook);
	}

	for (const file of locator.ca ?? []) {
		words.push('--ca', file);
	}

	for (const server of locator.dnsServers ?? []) {
		words.push('--dns-server', server);
	}

	return words;
}

/**
The one place a suggested command is built: program, the words that reach the session, then the
command's own words, each quoted for the shell. Every hint, resume line and report command uses it.
*/
export function suggestCommand(locator: SessionLocator, words: readonly string[], style: CommandStyle = currentStyle()): string {
	return commandLine([...style.program, ...locatorWords(locator), ...words], style.shell);
}

/** A command of the program that names no session, e.g. `--help` or `train list`, started the way this process was. */
export function programCommand(words: readonly string[], style: CommandStyle = currentStyle()): string {
	return commandLine([...style.program, ...words], style.shell);
}

/**
The words quoted for the shell. PowerShell reads a quoted first word as a string, not a command:
a program path that needs quotes (a kit under "C:\Users\Jane Doe") gets its call operator `& `.
cmd.exe has no such operator and would refuse it; PowerShell is Windows Server's default shell.
*/
function commandLine(words: readonly string[], shell: ShellKind): string {
	const quoted = words.map(word => (shell === 'windows' ? windowsWord(word) : posixWord(word)));
	return shell === 'windows' && words[0] !== undefined && quoted[0] !== words[0] ? `& ${quoted.join(' ')}` : quoted.join(' ');
}

/** A POSIX shell word: bare when safe, otherwise in single quotes (a quote inside closes, escapes, reopens). */
export function posixWord(word: string): string {
	return /^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}

/**
A word that pastes into both PowerShell and cmd.exe. Bare when it has nothing either shell reads
(PowerShell splits on commas and expands `$`; cmd expands `%`). Otherwise double quotes, which both
accept, with a trailing backslash doubled so the program's argument parser does not read `\"` as a
quote. Only `$`, a backquote, `%` or `"` inside cannot be written once for both; then PowerShell's
single quotes are used (the default shell of Windows Server).
*/
export function windowsWord(word: string): string {
	if (/^[\w.\\/:=+-]+$/.test(word) && !word.startsWith('@')) {
		return word;
	}

	if (!/[$`%"]/.test(word)) {
		return `"${word.replace(/(\\+)$/, '$1$1')}"`;
	}

	return `'${word.replaceAll('\'', '\'\'')}'`;
}
