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

/** The marks screens write themselves; `cut` ends a line that was cut to fit (one column in both sets). */
export const marks = asciiGlyphs
	? {ok: '+', fail: 'x', cut: '~'}
	: {ok: '✔', fail: '✖', cut: '…'};

/*
What every other character becomes in the ASCII set. Screens show text from the runbook, the
operator and peers too, so the TUI's output boundary (components/SafeText.tsx) passes everything
through asciiText: a legacy console never gets a character it draws as a box. Single-column
replacements keep layouts; anything not listed becomes "?".
*/
const asciiFor: Record<string, string> = {
	'✔': '+', '✖': 'x', '🔒': '#', '⚑': 'F', '⊘': '/', '↻': 'r', '○': 'o', '●': '*', '▸': '>', '▶': '>',
	'·': '.', '•': '*', '…': '...', '—': '-', '–': '-', '‐': '-', '−': '-', '›': '>', '‹': '<', '»': '>', '«': '<',
	'↑': '^', '↓': 'v', '←': '<', '→': '>', '─': '-', '│': '|', '┌': '+', '┐': '+', '└': '+', '┘': '+', '├': '+', '┤': '+',
	'┄': '.', '┈': '.', '‘': '\'', '’': '\'', '“': '"', '”': '"', '×': 'x', '≤': '<=', '≥': '>=', '≠': '!=', '±': '+/-',
	'\u00A0': ' ', '\u2009': ' ', '\u202F': ' ',
};

/** `text` with every non-ASCII character replaced by its ASCII stand-in, or "?". */
export function asciiText(text: string): string {
	// eslint-disable-next-line no-control-regex
	return /^[\u0000-\u007F]*$/.test(text) ? text : [...text].map(char => (char.codePointAt(0)! < 0x80 ? char : asciiFor[char] ?? '?')).join('');
}
