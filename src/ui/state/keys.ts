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
The key presses in one chunk of input. Keys typed ahead (or sent by tmux) can arrive together:
"10.0.0.1\r" is the value and then Enter. Only a final Enter counts as one; new lines inside a
pasted block stay text (whitespace), so a multi-line paste cannot fire commands.
*/
export function keysFrom(input: string, key: Key): KeyPress[] {
	const typed = keyFrom(input, key);
	const match = /^([^\r\n]*[^\r\n\s][^\r\n]*)\r\n?$|^([^\r\n]+)\n$/.exec(typed.text);
	const text = match?.[1] ?? match?.[2];
	if (text === undefined || input.length < 2) {
		return [typed];
	}

	return [{...typed, text}, press({enter: true})];
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
