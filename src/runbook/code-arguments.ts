/*
A command step runs without a shell, but some programs are shells themselves: everything after
`powershell.exe -Command` (or pwsh's, or `cmd.exe /c`) is joined and parsed again as code. An
input value placed there would run: `-Command Test-Connection {$input: site}` with the site
"x; Remove-Item …" deletes files. Only inputs whose validation admits nothing but an address or a
name (digits, letters, dots, hyphens, slashes, commas) may appear there; any other value must
reach the script as a parameter (`-File script.ps1 {$input: x}`), which PowerShell does not parse.
*/
const addressOrNameTypes = new Set(['ipv4', 'ipv4-list', 'cidr', 'cidr-list', 'fqdn', 'ipv4-or-fqdn', 'region']);

/** PowerShell accepts any prefix of -Command (-c, -co, …) and -EncodedCommand's (-e, -ec, …). */
const powershellCodeFlag = /^-(c|co|com|comm|comma|comman|command|e|ec|en|enc|enco|encod|encode|encoded|encodedc|encodedco|encodedcom|encodedcomm|encodedcomma|encodedcomman|encodedcommand)$/i;
const cmdCodeFlag = /^\/[ck]$/i;

function programName(argv0: unknown): string | undefined {
	return typeof argv0 === 'string' ? argv0.split(/[\\/]/).pop()!.toLowerCase().replace(/\.exe$/, '') : undefined;
}

/** The index of the first argument parsed as code by the program, or undefined when none is. */
function codeStart(argv: readonly unknown[]): number | undefined {
	const program = programName(argv[0]);
	const flag = program === 'powershell' || program === 'pwsh' ? powershellCodeFlag : program === 'cmd' ? cmdCodeFlag : undefined;
	if (!flag) {
		return undefined;
	}

	const index = argv.findIndex((part, at) => at > 0 && typeof part === 'string' && flag.test(part));
	return index < 0 ? undefined : index + 1;
}

export type CodeArgumentProblem = {index: number; message: string};

/** Input references that a shell in `argv` would parse as code, with why. */
export function codeArgumentProblems(argv: readonly unknown[], inputTypes: ReadonlyMap<string, string>): CodeArgumentProblem[] {
	const start = codeStart(argv);
	if (start === undefined) {
		return [];
	}

	const flag = String(argv[start - 1]);
	const problems: CodeArgumentProblem[] = [];
	for (let index = start; index < argv.length; index++) {
		const part = argv[index];
		if (part === null || typeof part !== 'object' || !('$input' in part)) {
			continue;
		}

		const name = String((part as {$input: unknown}).$input);
		const type = inputTypes.get(name);
		if (type !== undefined && !addressOrNameTypes.has(type)) {
			problems.push({index, message: `input "${name}" (${type}) comes after ${flag}, where ${programName(argv[0])} runs the text as code: pass it as a script parameter instead (-File script.ps1 {$input: ${name}}), or use an address or name input`});
		}
	}

	return problems;
}
