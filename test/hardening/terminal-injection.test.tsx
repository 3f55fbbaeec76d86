import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {escapeControls, hasControlCharacters} from '../../src/text/escape-controls.js';
import {tempDir} from '../helpers/paths.js';
import {waitForText} from '../ui/helpers/ink-keys.js';
import {mountApp} from '../ui/helpers/mount-app.js';
import {writeRunbook} from '../ui/helpers/runbooks.js';
import {prepareSession} from '../ui/helpers/sessions.js';

/*
Terminal injection: text from operators, step files, answer files and peers must never reach a
terminal as a control sequence. These are the payloads a hostile value would carry.
*/
const payloads = {
	osc: '\u001B]0;pwned\u0007', // retitles the window / tmux pane
	csi: '\u001B[2J', // clears the screen
	cr: 'ok\rFAKE', // overwrites the line
	c1: '\u009B31m', // 8-bit CSI
	bidi: '\u202Eevil', // reorders what is read
};

describe('escapeControls, the one output boundary', () => {
	it('writes every control character as a visible \\uXXXX and keeps line feeds and tabs where layout needs them', () => {
		expect(escapeControls(`a${payloads.osc}b`)).toBe('a\\u001b]0;pwned\\u0007b');
		expect(escapeControls(payloads.cr)).toBe('ok\\u000dFAKE');
		expect(escapeControls(payloads.c1)).toBe('\\u009b31m');
		expect(escapeControls(payloads.bidi)).toBe('\\u202eevil');
		expect(escapeControls('a\r\nb\tc\u007F')).toBe('a\nb\tc\\u007f');
		expect(escapeControls('a\nb\tc', 'line')).toBe('a\\u000ab\\u0009c');
		expect(escapeControls('plain ascii, ümlaut, 日本, ✔')).toBe('plain ascii, ümlaut, 日本, ✔');
	});

	it('keeps JSON valid and the same value', () => {
		const value = {name: `x${payloads.c1}${payloads.osc}\u007F${payloads.bidi}`};
		const escaped = escapeControls(JSON.stringify(value));
		expect(hasControlCharacters(escaped)).toBe(false);
		expect(JSON.parse(escaped)).toEqual(value);
	});

	it('finds control characters for refusals', () => {
		expect(hasControlCharacters('alice')).toBe(false);
		for (const payload of Object.values(payloads)) {
			expect(hasControlCharacters(payload)).toBe(true);
		}
	});
});

describe('the TUI shows data, never obeys it', () => {
	it('escapes a step-file title and a session title in every frame', async () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const file = writeRunbook(dir, 'hostile', [
			{id: 'setup', title: '"Setup \\e]0;pwned\\a phase"', steps: ['{kind: instruction, id: read-me, title: "Read \\e[2J the \\x9b31m brief", body: "Body \\e]0;x\\a text"}']},
		]);
		await prepareSession(file, stateDir, 'site-a', () => undefined);
		const app = mountApp({runbook: file, stateDir, session: 'site-a'});
		await waitForText(app, 'What now?');
		app.stdin.write('\r');
		const frame = await waitForText(app, 'brief');
		expect(frame).toContain('Read \\u001b[2J the \\u009b31m brief');
		for (const seen of app.frames) {
			expect(seen).not.toContain('\u001B]0;');
			expect(seen).not.toContain('\u001B[2J');
			expect(seen).not.toContain('\u009B');
		}
	});
});
