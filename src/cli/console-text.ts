import {escapeControls} from '../text/escape-controls.js';
import {asciiGlyphs, asciiText} from '../ui/glyphs.js';

/*
The plain commands' output boundary. Control characters are always escaped (session data, step
files and peers' replies never drive the terminal). On a console without the glyphs (legacy conhost,
AZS_ASCII=1) a terminal also gets every other non-ASCII character as its ASCII stand-in, as the TUI
does (src/ui/glyphs.ts); output going to a file or a pipe is data and keeps its characters.
*/
export function consoleText(text: string, stream: {isTTY?: boolean}, ascii = asciiGlyphs): string {
	const escaped = escapeControls(text);
	return ascii && stream.isTTY === true ? asciiText(escaped) : escaped;
}
