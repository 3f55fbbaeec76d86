import type {CliArgs} from '../cli/args.js';

function quoted(value: string): string {
	return /^[\w./:@=-]+$/.test(value) ? value : `'${value.replaceAll('\'', '\'\\\'\'')}'`;
}

/** The command that resumes this session, with the flags that located it. */
export function resumeCommand(args: CliArgs, session: string): string {
	const parts = ['azs-runbook', '--session', quoted(session)];
	if (args.stateDir) {
		parts.push('--state-dir', quoted(args.stateDir));
	}

	if (args.runbook) {
		parts.push('--runbook', quoted(args.runbook));
	}

	return parts.join(' ');
}
