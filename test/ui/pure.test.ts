import {describe, expect, it} from 'vitest';
import {keysFrom, press} from '../../src/ui/state/keys.js';
import {editText, textBuffer} from '../../src/ui/state/text-field.js';
import {displayWidth, truncate, wrapText} from '../../src/ui/view/wrap-text.js';
import {fieldView} from '../../src/ui/view/field-view.js';
import {probeRows} from '../../src/ui/view/phase-lines.js';
import type {ProbeRow} from '../../src/ui/state/ui-state.js';
import type {Key} from 'ink';

const noKey = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false} as Key;

describe('text field editing', () => {
	it('types, moves, erases and pastes', () => {
		let buffer = textBuffer();
		for (const text of ['1', '0', '.0.0.1']) {
			buffer = editText(buffer, press({text}))!;
		}

		expect(buffer).toEqual({value: '10.0.0.1', cursor: 8});
		buffer = editText(buffer, press({left: true}))!;
		buffer = editText(buffer, press({erase: true}))!;
		expect(buffer).toEqual({value: '10.0.01', cursor: 6});
		buffer = editText(buffer, press({ctrlLetter: 'u', ctrl: true}))!;
		expect(buffer).toEqual({value: '1', cursor: 0});
		expect(editText(buffer, press({enter: true}))).toBeUndefined();
		// Pasted new lines become spaces; other control characters never reach the value.
		expect(editText(textBuffer(), press({text: '10.0.0.1\n10.0.0.2\u0007'}))!.value).toBe('10.0.0.1 10.0.0.2');
	});

	it('splits a final Enter off a chunk of typed-ahead keys, but not inside a pasted block', () => {
		expect(keysFrom('10.0.0.1\r', noKey).map(key => [key.text, key.enter])).toEqual([['10.0.0.1', false], ['', true]]);
		expect(keysFrom('a\rb', noKey)).toHaveLength(1);
		expect(keysFrom('x', noKey)).toHaveLength(1);
	});

	it('splits every control byte of a chunk into its own key: three DEL bytes are three Backspaces', () => {
		const shape = (input: string) => keysFrom(input, noKey).map(key => (key.erase ? '⌫' : key.enter ? '⏎' : key.tab ? '⇥' : key.ctrlLetter ? `^${key.ctrlLetter}` : key.text));
		expect(shape('\u007F\u007F\u007F')).toEqual(['⌫', '⌫', '⌫']);
		expect(shape('\b\b')).toEqual(['⌫', '⌫']);
		expect(shape('ab\u007Fc\r')).toEqual(['ab', '⌫', 'c', '⏎']);
		expect(shape('\u0015abc')).toEqual(['^u', 'abc']);
		expect(shape('\r\n')).toEqual(['⏎']);
		expect(shape('\r\r')).toEqual(['⏎', '⏎']);
		expect(shape('\t\t')).toEqual(['⇥', '⇥']);
		// A pasted block keeps its inner new lines and tabs as text.
		expect(shape('10.0.0.1\n10.0.0.2\t10.0.0.3\n')).toEqual(['10.0.0.1\n10.0.0.2\t10.0.0.3', '⏎']);
	});

	it('keeps the cursor of a long field in view', () => {
		const view = fieldView({value: 'a'.repeat(100), cursor: 100}, 20);
		expect(displayWidth(view.before + view.at + view.after)).toBeLessThanOrEqual(20);
		expect(view.before.startsWith('…')).toBe(true);
	});
});

describe('text layout', () => {
	it('wraps to the width, splits long words instead of cutting them, and measures wide characters', () => {
		const lines = wrapText(`Allow https://${'x'.repeat(90)}.example.com now`, 40);
		expect(lines.every(line => displayWidth(line) <= 40)).toBe(true);
		expect(lines.join('')).toContain('x'.repeat(90));
		expect(displayWidth('🔒 locked')).toBe(9);
		expect(truncate('abcdef', 4)).toBe('abc…');
	});
});

describe('probe rows of a finished check', () => {
	const row = (index: number, ok: boolean): ProbeRow => ({id: `p${index}`, target: `tcp://10.0.0.${index}:443`, kind: 'tcp', startedAt: 0, record: {target: `tcp://10.0.0.${index}:443`, kind: 'tcp', ok, durationMs: 5, ...(ok ? {} : {errorCode: 'ECONNREFUSED'})}});

	it('says "all N probes answered" when none is listed, and "N other" under the failed ones', () => {
		const texts = (rows: ProbeRow[]) => probeRows('s', rows, 0).map(line => (line.kind === 'probe' ? line.text : ''));
		expect(texts(Array.from({length: 16}, (_, index) => row(index, true)))).toEqual(['all 16 probes answered (d lists them)']);
		expect(texts([row(1, true)])).toEqual(['the one probe answered (d lists them)']);
		expect(texts([row(1, false), row(2, true), row(3, true)])).toEqual(['tcp://10.0.0.1:443  5 ms', '2 other probes answered (d lists them)']);
	});
});
