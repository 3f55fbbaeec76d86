import {Text as InkText} from 'ink';
import {Children, type ComponentProps, type ReactNode} from 'react';
import {escapeControls} from '../../text/escape-controls.js';
import {asciiGlyphs, asciiText} from '../glyphs.js';

/*
The TUI's output boundary: every string a screen shows passes through here, so an ESC, OSC or CR
in a session name, an input, a step title or a peer's reply is shown as `\u001b`, never obeyed by
the terminal (a peer once renamed the tmux pane). Ink's own colours are props, not text, so they
are untouched. On a console without the glyphs (glyphs.ts) it is also where every character
becomes ASCII. The lint configuration forbids importing Ink's Text anywhere else.
*/

function safeText(text: string): string {
	const escaped = escapeControls(text, 'line');
	return asciiGlyphs ? asciiText(escaped) : escaped;
}

function safeChildren(children: ReactNode): ReactNode {
	return Children.map(children, child => (typeof child === 'string' ? safeText(child) : child));
}

/** Ink's Text with its string children escaped. */
export function Text({children, ...props}: ComponentProps<typeof InkText>) {
	return <InkText {...props}>{safeChildren(children)}</InkText>;
}
