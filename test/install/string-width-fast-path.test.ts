import {readFileSync} from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import {beforeAll, describe, expect, it} from 'vitest';
import {repoRoot} from '../helpers/paths.js';
import {buildWithPlugins, importBuilt, loadBundleScript} from './bundle-plugins.js';

type BundleScript = {
	stringWidthFastPath: unknown;
	fastStringWidth: (file: string, source: string) => string;
};
type Width = (text: string, options?: {ambiguousIsNarrow?: boolean}) => number;

const stringWidthSource = path.join(repoRoot, 'node_modules', 'string-width', 'index.js');

/** Every code point of the two planes the screens and peers' texts use (controls and surrogates included). */
function* codePoints(): Generator<number> {
	for (let codePoint = 0; codePoint <= 0x1FFFF; codePoint++) {
		yield codePoint;
	}
}

describe('string-width in the bundle (fast path for simple texts, RGI-emoji regex built on first use)', () => {
	let patchedWidth: Width;

	beforeAll(async () => {
		const {stringWidthFastPath} = await loadBundleScript<BundleScript>();
		// string-width's own module, built the way scripts/bundle.mjs builds the program.
		const built = await buildWithPlugins(`export {default} from ${JSON.stringify(stringWidthSource)};`, [stringWidthFastPath]);
		patchedWidth = (await importBuilt<{default: Width}>(built)).default;
	});

	it('gives every single code point the width string-width as published gives it, ambiguous narrow and wide', () => {
		const differences: string[] = [];
		for (const codePoint of codePoints()) {
			const text = String.fromCodePoint(codePoint);
			for (const ambiguousIsNarrow of [true, false]) {
				const expected = stringWidth(text, {ambiguousIsNarrow});
				const actual = patchedWidth(text, {ambiguousIsNarrow});
				if (actual !== expected && differences.length < 20) {
					differences.push(`U+${codePoint.toString(16).toUpperCase()} (ambiguous ${ambiguousIsNarrow ? 'narrow' : 'wide'}): ${actual}, published ${expected}`);
				}
			}
		}

		expect(differences).toEqual([]);
	});

	it('agrees on texts that mix simple code points with joiners, selectors, modifiers, marks and escapes', () => {
		const texts = [
			'✔ DNS forwarders — 2 of 2 answer › next',
			'🔒 Phase 3 · locked',
			'⠋ checking… ↑↓ move, ⏎ choose',
			'✔️ emoji presentation of a text-default mark',
			'👍🏽 thumbs up, medium skin tone',
			'👨‍👩‍👧 family (joined)',
			'🇩🇪 flag (regional indicators)',
			'e\u0301 combining acute',
			'한국어 Hangul syllables, 한 jamo',
			'\u001B[31m✖ failed\u001B[39m',
			'tab\there',
			'soft\u00ADhyphen',
			'┌─┐│ │└─┘ box',
			'Ⅻ ℃ € ‰ ‹›«»',
			'',
		];
		for (const text of texts) {
			for (const ambiguousIsNarrow of [true, false]) {
				expect({text, ambiguousIsNarrow, width: patchedWidth(text, {ambiguousIsNarrow})}).toEqual({text, ambiguousIsNarrow, width: stringWidth(text, {ambiguousIsNarrow})});
			}
		}
	});

	it('no longer builds the RGI-emoji regex when loaded, and a changed string-width fails the build', async () => {
		const {fastStringWidth} = await loadBundleScript<BundleScript>();
		const patched = fastStringWidth(stringWidthSource, readFileSync(stringWidthSource, 'utf8'));
		expect(patched).toContain('let rgiEmojiRegex;');
		expect(patched).not.toMatch(/const rgiEmojiRegex =/);
		expect(patched).toContain('azsSimpleTextWidth(string,');
		expect(() => fastStringWidth(stringWidthSource, 'const rgiEmojiRegex = /^\\p{Emoji}$/u;')).toThrow(/expected exactly one "const rgiEmojiRegex = /);
	});
});
