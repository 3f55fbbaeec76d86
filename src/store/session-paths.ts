import path from 'node:path';

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Refuses session names that could escape the state directory or confuse a shell. */
export function checkSessionName(name: string): string | undefined {
	return namePattern.test(name) && !name.includes('..')
		? undefined
		: `session name "${name}" must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit`;
}

/**
A session whose name differs from `name` only in case, among `existing` names. On Windows (NTFS)
and macOS both names open the same files, so such a name is refused everywhere: a state directory
copied from Linux to the HLH must mean the same sessions there.
*/
export function caseOnlyTwin(name: string, existing: readonly string[]): string | undefined {
	const folded = name.toLowerCase();
	return existing.find(other => other !== name && other.toLowerCase() === folded);
}

/** Why `name` is refused next to the `existing` sessions because only case differs, or undefined. */
export function caseClashProblem(name: string, existing: readonly string[]): string | undefined {
	const twin = caseOnlyTwin(name, existing);
	return twin === undefined ? undefined : `session name "${name}" differs only in case from the existing session "${twin}" (Windows file names ignore case): use "${twin}" or another name`;
}

/** The files of one session inside a state directory. */
export function sessionPaths(stateDir: string, name: string) {
	const base = path.join(stateDir, `session-${name}`);
	return {
		configName: `session-${name}`,
		state: `${base}.json`,
		journal: `${base}.journal.jsonl`,
		lock: `${base}.lock`,
		/** What other commands send while a process holds the session (store/inbox.ts). */
		inbox: `${base}.inbox.jsonl`,
	};
}

/** The session name of a state file name, or undefined for other files. */
export function sessionNameOf(fileName: string): string | undefined {
	const match = /^session-(.+)\.json$/.exec(fileName);
	return match?.[1];
}
