import {escapeControls} from '../text/escape-controls.js';

/** The desktop-notification escape a terminal is known to show, if any. */
export type NotificationKind = 'osc9' | 'osc777';

/**
Which notification escape the terminal is known to support, from what it says about itself.
Unknown terminals get none: an OSC they do not know may be printed or, worse, mean something else
(ConEmu reads OSC 9;2 as a message box, Windows Terminal OSC 9;4 as a progress bar). Inside tmux or
screen the outer terminal is unknown and the escape would be swallowed, so none either; the bell
still passes through. Windows Terminal, VS Code and ConEmu show no desktop notification for
either escape (they flash or badge on the bell), so the bell alone.
- OSC 9 (ESC ] 9 ; text BEL): iTerm2, kitty.
- OSC 777 (ESC ] 777 ; notify ; title ; body BEL): WezTerm, Ghostty, foot.
*/
export function notificationKind(env: NodeJS.ProcessEnv): NotificationKind | undefined {
	if (env.TMUX !== undefined || env.STY !== undefined || /^(?:screen|tmux)/.test(env.TERM ?? '')) {
		return undefined;
	}

	if (env.TERM_PROGRAM === 'iTerm.app' || env.KITTY_WINDOW_ID !== undefined || env.TERM === 'xterm-kitty') {
		return 'osc9';
	}

	if (env.TERM_PROGRAM === 'WezTerm' || env.TERM_PROGRAM === 'ghostty' || /^foot(?:-extra)?$/.test(env.TERM ?? '')) {
		return 'osc777';
	}

	return undefined;
}

/**
The bytes that tell the operator something finished: a bell (BEL), and a desktop notification
where the terminal is known to show one. Nothing when the output is not a terminal (a pipe or a
log file must not collect control bytes) or when AZS_BELL=0. The text is one line with its control
characters made visible, without ";" where a field separator would cut it, and never starts with a
digit (OSC 9;N sub-commands of other terminals).
*/
export function alertBytes(message: string, output: {env: NodeJS.ProcessEnv; isTTY: boolean}): string {
	if (!output.isTTY || output.env.AZS_BELL === '0') {
		return '';
	}

	const bell = '\u0007';
	const text = `azs-runbook: ${escapeControls(message, 'line').slice(0, 200)}`;
	switch (notificationKind(output.env)) {
		case 'osc9': {
			return `${bell}\u001B]9;${text}${bell}`;
		}

		case 'osc777': {
			return `${bell}\u001B]777;notify;azs-runbook;${text.replaceAll(';', ',')}${bell}`;
		}

		case undefined: {
			return bell;
		}
	}
}

/** A stream the alert is written to: the terminal's stdout in the TUI. */
export type AlertOutput = {isTTY?: boolean; write: (bytes: string) => unknown};

/** The TUI's alert service: writes the bytes for `message` to `output` (zero-width, so the frame is untouched). */
export function createAlert(output: AlertOutput, env: NodeJS.ProcessEnv): (message: string) => void {
	return message => {
		const bytes = alertBytes(message, {env, isTTY: output.isTTY === true});
		if (bytes.length > 0) {
			output.write(bytes);
		}
	};
}
