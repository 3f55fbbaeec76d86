import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../src/ui/view/wrap-text.js';
import {windowLines} from '../../src/ui/view/window-lines.js';
import {tempDir} from '../helpers/paths.js';
import {keys, plain, press, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {writeRunbook} from './helpers/runbooks.js';

const long = 'This body is deliberately long so that it wraps over many lines at eighty columns and the step view has to scroll it instead of pushing the footer off the screen.';

function bigRunbook(dir: string): string {
	const phases = Array.from({length: 30}, (_, index) => ({
		id: `p${index + 1}`,
		title: `Phase number ${index + 1} with a rather long title that does not fit in eighty columns at all`,
		steps: index === 0
			? Array.from({length: 40}, (_, step) => `{kind: instruction, id: s${step + 1}, title: Step ${step + 1}, body: '${step === 0 ? Array.from({length: 9}, () => long).join(' ') : 'Short.'}'}`)
			: [`{kind: instruction, id: q${index + 1}, title: Only step, body: Short.}`],
	}));
	return writeRunbook(dir, 'big', phases);
}

/** Every frame written so far fits 80×24 with a line to spare (Ink redraws everything otherwise). */
function expectAllFramesFit(frames: string[]): void {
	for (const raw of frames) {
		const lines = plain(raw).replace(/\n$/, '').split('\n');
		expect(lines.length).toBeLessThanOrEqual(23);
		for (const line of lines) {
			expect(displayWidth(line), line).toBeLessThanOrEqual(80);
		}
	}
}

describe('80×24', () => {
	it('windows long lists and long text, truncates long lines, and never overflows', async () => {
		const dir = tempDir();
		const app = mountApp({runbook: bigRunbook(dir), stateDir: path.join(dir, 'state')});
		await waitForText(app, 'New session name');
		await press(app, keys.enter);

		// A long body scrolls inside the step view.
		let frame = await waitForText(app, 'Step 1 · instruction');
		expect(frame).toMatch(/↓ \d+ more \(PgDn\)/);
		frame = await press(app, keys.pageDown);
		expect(frame).toMatch(/↑ \d+ more \(PgUp\)/);

		// A phase of 40 steps: a window that follows the selection.
		await press(app, keys.escape);
		frame = plain(app.lastFrame());
		expect(frame).toMatch(/› · pending\s+Step 1\n/);
		expect(frame).toMatch(/↓ \d+ more/);
		for (let index = 0; index < 25; index++) {
			frame = await press(app, keys.down);
		}

		expect(frame).toMatch(/› · pending\s+Step 26\n/);
		expect(frame).toMatch(/↑ \d+ more/);
		expect(frame).not.toMatch(/\sStep 1\n/);

		// The overview of 30 phases: titles cut with "…", the list windowed.
		frame = await press(app, keys.escape);
		expect(frame).toMatch(/Phase number 1 with a rather long title that does not fit in eighty col…|…$/m);
		expect(frame).toMatch(/↓ \d+ more/);
		for (let index = 0; index < 20; index++) {
			frame = await press(app, keys.down);
		}

		expect(frame).toMatch(/› ■ locked\s+21\. Phase number 21/);
		expect(frame).toMatch(/↑ \d+ more/);

		// Help, too.
		frame = await press(app, '?');
		expect(frame).toContain('Everywhere');
		expectAllFramesFit(app.frames);
	});

	it('windowLines keeps the focus visible and leaves room for the markers', () => {
		const items = Array.from({length: 50}, (_, index) => index);
		const top = windowLines(items, 10, 0);
		expect(top).toMatchObject({start: 0, hiddenAbove: 0, hiddenBelow: 42});
		expect(top.items).toHaveLength(8);
		const middle = windowLines(items, 10, 20);
		expect(middle.items).toContain(20);
		expect(middle.hiddenAbove + middle.items.length + middle.hiddenBelow).toBe(50);
		const end = windowLines(items, 10, 49);
		expect(end.items.at(-1)).toBe(49);
		expect(end.hiddenBelow).toBe(0);
		expect(windowLines([1, 2, 3], 10, 2).items).toEqual([1, 2, 3]);
	});
});
