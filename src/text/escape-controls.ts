/*
The one place control characters are made harmless before text reaches a terminal or a file
someone will `cat`. Session data comes from operators, step files, answer files and the network
(HTTP reason phrases and headers, certificate subjects, DNS answers): an ESC, OSC, CSI, CR, BEL or
C1 byte in any of them could move the cursor, rewrite earlier lines, retitle the window or the
tmux pane, or hide text. Each such character is written as a visible `\uXXXX` escape instead.

The notation is JSON's own, so JSON output passed through here still parses to the same value.
Bidirectional overrides are escaped too: they reorder what the operator reads (a reversed
address, a hidden word) without any escape sequence.
*/

/**
- `text` (the default): line feeds and tabs are kept where the layout needs them; a CR LF pair
  becomes a line feed (Windows command output); every other control character is escaped.
- `line`: one line of text (a name, a title, a reason): line feeds and tabs are escaped as well.
*/
export type EscapeMode = 'text' | 'line';

// C0 controls but tab and line feed, DEL, C1 controls, the Arabic letter mark, LRM/RLM, bidi
// embeddings/overrides/isolates, the line and paragraph separators.
// eslint-disable-next-line no-control-regex
const unsafeInText = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const unsafeInLine = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/g;

const anyUnsafeInLine = new RegExp(unsafeInLine.source);

function visible(character: string): string {
	return `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character that could act on a terminal written as a visible `\uXXXX`. */
export function escapeControls(text: string, mode: EscapeMode = 'text'): string {
	if (mode === 'line') {
		return text.replace(unsafeInLine, visible);
	}

	return text.replaceAll('\r\n', '\n').replace(unsafeInText, visible);
}

/** True when `text` holds a character escapeControls would escape in a single line (names, inputs, reasons). */
export function hasControlCharacters(text: string): boolean {
	return anyUnsafeInLine.test(text);
}

/** The refusal for a name or value holding control characters, or undefined when it holds none. */
export function controlCharacterProblem(what: string, text: string): string | undefined {
	return hasControlCharacters(text) ? `${what} must not contain control characters (found in "${escapeControls(text, 'line')}")` : undefined;
}
