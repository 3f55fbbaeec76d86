import type {KeyPress} from './keys.js';

/** A single-line text being edited: its value and the cursor position (0 … value.length). */
export type TextBuffer = {value: string; cursor: number};

/** A buffer holding `value` with the cursor at its end. */
export function textBuffer(value = ''): TextBuffer {
	return {value, cursor: value.length};
}

/**
Pasted text arrives as one chunk and may hold new lines or tabs: they become spaces (list fields
split on whitespace), and other control characters are dropped so they never reach the state file.
*/
function sanitize(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replaceAll(/[\r\n\t]/g, ' ').replaceAll(/[\u0000-\u001F\u007F]/g, '');
}

/**
Applies one key to a buffer. Returns the new buffer, or undefined when the key is not an editing
key (Enter, Esc, arrows up/down…), so the caller can give it its own meaning.
*/
export function editText(buffer: TextBuffer, key: KeyPress): TextBuffer | undefined {
	const {value, cursor} = buffer;
	if (key.ctrlLetter === 'a' || key.home) {
		return {value, cursor: 0};
	}

	if (key.ctrlLetter === 'e' || key.end) {
		return {value, cursor: value.length};
	}

	if (key.ctrlLetter === 'u') {
		return {value: value.slice(cursor), cursor: 0};
	}

	if (key.ctrlLetter === 'w') {
		const start = value.slice(0, cursor).replace(/\S+\s*$/, '').length;
		return {value: value.slice(0, start) + value.slice(cursor), cursor: start};
	}

	if (key.left) {
		return {value, cursor: Math.max(0, cursor - 1)};
	}

	if (key.right) {
		return {value, cursor: Math.min(value.length, cursor + 1)};
	}

	if (key.erase) {
		return cursor === 0 ? buffer : {value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1};
	}

	if (key.text.length > 0 && !key.enter && !key.escape && !key.tab) {
		const text = sanitize(key.text);
		return {value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length};
	}

	return undefined;
}
