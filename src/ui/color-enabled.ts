/**
Whether to use colour: not when NO_COLOR is set to anything non-empty (no-color.org). chalk, which
Ink uses, does not read NO_COLOR itself, so the TUI decides and its components drop colour; every
state keeps its mark and word.
*/
export function colorEnabled(env: NodeJS.ProcessEnv): boolean {
	return !env.NO_COLOR;
}
