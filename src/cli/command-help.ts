import {helpText} from './help.js';
import {programCommand} from './suggested-command.js';

/*
`azs-runbook help COMMAND` and `COMMAND --help`: that command's lines of the one help text (so the
two never disagree), with the options every command takes. Plain string work: `--help` stays fast.
*/

/** The help text's entries whose first word is `command` (journal, train and inputs have several), with their continuation lines. */
function entriesFor(command: string): string[] {
	const picked: string[] = [];
	let taking = false;
	for (const line of helpText.split('\n')) {
		if (/^ {2}\S/.test(line)) {
			taking = line.trim().split(/\s/)[0] === command;
		} else if (!/^ {4,}\S/.test(line)) {
			taking = false;
		}

		if (taking) {
			picked.push(line);
		}
	}

	return picked;
}

/** The options section of the help text, for the common options every command takes. */
function optionsSection(): string {
	const start = helpText.indexOf('\nOptions\n');
	const end = helpText.indexOf('\nExit codes\n');
	return start === -1 || end === -1 ? '' : helpText.slice(start + 1, end);
}

/** Help for one command, or undefined when the help text has no entry for it. */
export function commandHelp(command: string): string | undefined {
	const entries = entriesFor(command);
	if (entries.length === 0) {
		return undefined;
	}

	return `Usage\n${entries.map(line => (/^ {2}\S/.test(line) ? `  azs-runbook ${line.slice(2)}` : line)).join('\n')}\n\n${optionsSection()}\n(${programCommand(['--help'])} lists every command and the exit codes.)\n`;
}
