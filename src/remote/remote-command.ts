import {hasControlCharacters} from '../text/escape-controls.js';

/*
OpenSSH hands the remote command to the remote user's shell as one string: /bin/sh on Linux,
cmd.exe by default on Windows Server (PowerShell when the administrator chose it). No value of the
session ever goes into that string — the job travels on standard input — so the only thing quoted
here is the path of the remote tool, which the operator chose.
*/

export type RemoteShell = 'posix' | 'cmd' | 'powershell';

export const remoteShells: readonly RemoteShell[] = ['posix', 'cmd', 'powershell'];

/** A path every shell reads the same way, unquoted: letters, digits and path punctuation only. */
const plainPath = /^[\w./:\\-]+$/;

export type RemoteCommand = {ok: true; command: string} | {ok: false; reason: string};

/** The command line that runs `tool` with `args` (fixed words, never data) in the remote shell. */
export function remoteCommand(tool: string, args: readonly string[], shell: RemoteShell | undefined): RemoteCommand {
	if (tool.length === 0 || tool.length > 1024) {
		return {ok: false, reason: 'the remote tool path is empty or too long'};
	}

	if (hasControlCharacters(tool)) {
		return {ok: false, reason: 'the remote tool path contains control characters'};
	}

	if (tool.startsWith('-')) {
		return {ok: false, reason: 'the remote tool path must not start with "-"'};
	}

	if (plainPath.test(tool)) {
		return {ok: true, command: [tool, ...args].join(' ')};
	}

	switch (shell) {
		case 'posix': {
			return {ok: true, command: [`'${tool.replaceAll("'", String.raw`'\''`)}'`, ...args].join(' ')};
		}

		case 'cmd': {
			// cmd.exe has no escape inside double quotes: refuse what it would still interpret.
			if (/["%^&|<>!]/.test(tool)) {
				return {ok: false, reason: 'for cmd.exe the remote tool path must not contain " % ^ & | < > !'};
			}

			return {ok: true, command: [`"${tool}"`, ...args].join(' ')};
		}

		case 'powershell': {
			return {ok: true, command: ['&', `'${tool.replaceAll("'", "''")}'`, ...args].join(' ')};
		}

		default: {
			return {ok: false, reason: 'the remote tool path has spaces or shell characters: say which shell the remote host uses with --remote-shell posix|cmd|powershell'};
		}
	}
}
