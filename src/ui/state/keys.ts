import type {Key} from 'ink';

/** One key press, normalised from Ink's (input, key) pair so the reducer never sees Ink types. */
export type KeyPress = {
	/** Printable text: one character, or a whole pasted chunk. Empty for special keys. */
	text: string;
	up: boolean;
	down: boolean;
	left: boolean;
	right: boolean;
	pageUp: boolean;
	pageDown: boolean;
	home: boolean;
	end: boolean;
	enter: boolean;
	escape: boolean;
	tab: boolean;
	/** Backspace or Delete: terminals send DEL (0x7f) for Backspace, which Ink reports as delete. */
	erase: boolean;
	ctrl: boolean;
	/** The letter pressed with Ctrl (`c` for Ctrl+C), else empty. */
	ctrlLetter: string;
};

/** Builds a KeyPress from Ink's useInput arguments. */
export function keyFrom(input: string, key: Key): KeyPress {
	const ctrlLetter = key.ctrl && /^[a-z]$/.test(input) ? input : '';
	return {
		text: key.ctrl || key.meta ? '' : input,
		up: key.upArrow,
		down: key.downArrow,
		left: key.leftArrow,
		right: key.rightArrow,
		pageUp: key.pageUp,
		pageDown: key.pageDown,
		home: key.home,
		end: key.end,
		enter: key.return,
		escape: key.escape,
		tab: key.tab,
		erase: key.backspace || key.delete,
		ctrl: key.ctrl,
		ctrlLetter,
	};
}

/**
The key presses in one chunk of input, split the way the terminal sent them. Typing fast, SSH, tmux
and paste deliver several keys at once; Ink already splits escape sequences (three arrows are three
moves) but hands over a run of other bytes as one string. Each control byte there is its own key:
three DEL bytes are three Backspaces, Ctrl+U is Ctrl+U. Printable text stays one press (a field
inserts it whole). An Enter (or Tab) after the last printable character is a key ("10.0.0.1\r" is
the value and then Enter); one inside a pasted block stays text (whitespace), so a multi-line paste
cannot fire commands.
*/
export function keysFrom(input: string, key: Key): KeyPress[] {
	const typed = keyFrom(input, key);
	if (input.length < 2 || typed.text !== input) {
		return [typed];
	}

	return splitChunk(input);
}

/** Backspace sends DEL (0x7f) or BS (0x08, Ctrl+H). */
const eraseBytes = new Set(['\u007F', '\b']);

function splitChunk(chunk: string): KeyPress[] {
	const chars = [...chunk];
	const lastPrintable = chars.findLastIndex(char => !isControl(char));
	const presses: KeyPress[] = [];
	let text = '';
	const flushText = () => {
		if (text.length > 0) {
			presses.push(press({text}));
			text = '';
		}
	};

	for (const [index, char] of chars.entries()) {
		const pastedWhitespace = index < lastPrintable && (char === '\r' || char === '\n' || char === '\t');
		if (!isControl(char) || pastedWhitespace) {
			text += char;
			continue;
		}

		flushText();
		const control = controlPress(char, chars[index - 1]);
		if (control) {
			presses.push(control);
		}
	}

	flushText();
	return presses;
}

function isControl(char: string): boolean {
	const code = char.codePointAt(0)!;
	return code < 0x20 || code === 0x7f;
}

/** One control byte as a key; the \n of a \r\n pair is not a second Enter. */
function controlPress(char: string, previous: string | undefined): KeyPress | undefined {
	if (eraseBytes.has(char)) {
		return press({erase: true});
	}

	if (char === '\r' || char === '\n') {
		return char === '\n' && previous === '\r' ? undefined : press({enter: true});
	}

	if (char === '\t') {
		return press({tab: true});
	}

	const code = char.codePointAt(0)!;
	// Ctrl+A … Ctrl+Z are 0x01 … 0x1a; the rest (NUL, FS …) carry no key this program uses.
	return code >= 1 && code <= 26 ? press({ctrl: true, ctrlLetter: String.fromCodePoint(code + 96)}) : undefined;
}

/** A KeyPress for tests and synthetic input: only the given fields set. */
export function press(fields: Partial<KeyPress>): KeyPress {
	return {
		text: '',
		up: false,
		down: false,
		left: false,
		right: false,
		pageUp: false,
		pageDown: false,
		home: false,
		end: false,
		enter: false,
		escape: false,
		tab: false,
		erase: false,
		ctrl: false,
		ctrlLetter: '',
		...fields,
	};
}
