/*
The interactive screen asks for the program's code cache to be written after its first frame
(src/install/program-entry.ts installs the writer). Run from sources (tests, tsx) nothing is
installed and the call does nothing.
*/

const slot = Symbol.for('azs-runbook.save-code-cache');

type Holder = {[slot]?: () => void};

/** The entry's writer, called by saveCodeCache. */
export function installCodeCacheWriter(save: () => void): void {
	(globalThis as Holder)[slot] = save;
}

/**
Writes the code cache if this start compiled without one. Before anything changes V8's flags
(young-generation.ts): V8 refuses a cache made under other flags.
*/
export function saveCodeCache(): void {
	(globalThis as Holder)[slot]?.();
}
