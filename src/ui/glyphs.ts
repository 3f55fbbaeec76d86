/*
The marks (✔ ✖ ■ …) and the braille spinner need a font that has them. Windows Terminal, VS Code
and ConEmu do; the legacy console host (conhost, still the default on Windows Server 2019 and on
the HLH) draws them as boxes. There, and wherever AZS_ASCII=1, plain ASCII marks are used;
AZS_ASCII=0 forces the Unicode ones.
*/
export function plainGlyphs(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
	if (env.AZS_ASCII === '1') {
		return true;
	}

	if (env.AZS_ASCII === '0' || platform !== 'win32') {
		return false;
	}

	const modernTerminal = env.WT_SESSION !== undefined || env.TERM_PROGRAM !== undefined || env.ConEmuANSI === 'ON' || env.TERM !== undefined;
	return !modernTerminal;
}

/** One set of marks, chosen once per process. */
export const asciiGlyphs = plainGlyphs();
