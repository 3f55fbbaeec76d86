import {marks} from '../glyphs.js';

/** Display width of a string: wide characters (CJK, most emoji) take two columns. */
export function displayWidth(text: string): number {
	let width = 0;
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x300 && code <= 0x36f) || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) {
			continue;
		}

		width += isWide(code) ? 2 : 1;
	}

	return width;
}

function isWide(code: number): boolean {
	return (code >= 0x1100 && code <= 0x115f)
		|| (code >= 0x2e80 && code <= 0xa4cf)
		|| (code >= 0xac00 && code <= 0xd7a3)
		|| (code >= 0xf900 && code <= 0xfaff)
		|| (code >= 0xfe30 && code <= 0xfe4f)
		|| (code >= 0xff00 && code <= 0xff60)
		|| (code >= 0xffe0 && code <= 0xffe6)
		|| (code >= 0x1f300 && code <= 0x1faff)
		|| (code >= 0x20000 && code <= 0x3fffd);
}

/** Cuts a line to `width` columns, ending in the cut mark ("…", or "~" in ASCII) when something was cut. */
export function truncate(text: string, width: number): string {
	if (displayWidth(text) <= width) {
		return text;
	}

	let out = '';
	for (const char of text) {
		if (displayWidth(out + char) > width - 1) {
			break;
		}

		out += char;
	}

	return `${out}${marks.cut}`;
}

/**
Wraps plain text to `width` columns on spaces; words longer than a line (URLs, certificate
subjects) are split rather than cut, so nothing an operator may copy is lost. Paragraph breaks
(blank lines) are kept; the result never has a line wider than `width`.
*/
export function wrapText(text: string, width: number, indent = ''): string[] {
	const room = Math.max(8, width - displayWidth(indent));
	const lines: string[] = [];
	for (const paragraph of text.replaceAll('\r', '').split('\n')) {
		const words = paragraph.split(/\s+/).filter(Boolean);
		if (words.length === 0) {
			lines.push('');
			continue;
		}

		let line = '';
		for (let word of words) {
			while (displayWidth(word) > room) {
				if (line) {
					lines.push(indent + line);
					line = '';
				}

				const [head, rest] = splitAt(word, room);
				lines.push(indent + head);
				word = rest;
			}

			if (!line) {
				line = word;
			} else if (displayWidth(`${line} ${word}`) <= room) {
				line = `${line} ${word}`;
			} else {
				lines.push(indent + line);
				line = word;
			}
		}

		if (line) {
			lines.push(indent + line);
		}
	}

	// Trailing blank lines from a YAML block scalar's final newline carry no meaning on screen.
	while (lines.length > 0 && lines.at(-1) === '') {
		lines.pop();
	}

	return lines;
}

function splitAt(word: string, width: number): [string, string] {
	let head = '';
	for (const char of word) {
		if (displayWidth(head + char) > width) {
			break;
		}

		head += char;
	}

	return [head, word.slice(head.length)];
}
