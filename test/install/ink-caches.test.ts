import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {repoRoot} from '../helpers/paths.js';
import {buildWithPlugins, importBuilt, loadBundleScript} from './bundle-plugins.js';

type BundleScript = {
	inkBoundedCaches: unknown;
	boundInkCaches: (file: string, source: string) => string;
};

const inkBuild = path.join(repoRoot, 'node_modules', 'ink', 'build');

describe('Ink\'s text caches in the bundle', () => {
	it('forget old texts: a text measured long ago is measured again, a recent one is still cached', async () => {
		const {inkBoundedCaches} = await loadBundleScript<BundleScript>();
		// Ink's own module, built the way scripts/bundle.mjs builds the program.
		const built = await buildWithPlugins(`export {default as measureText} from ${JSON.stringify(path.join(inkBuild, 'measure-text.js'))};`, [inkBoundedCaches]);
		const {measureText} = await importBuilt<{measureText: (text: string) => {width: number}}>(built);
		const first = measureText('attempt 0');
		expect(measureText('attempt 0')).toBe(first);
		for (let attempt = 1; attempt <= 5000; attempt++) {
			measureText(`attempt ${attempt}`);
		}

		// Unbounded (Ink 6 as published), the first result would still be the cached object.
		expect(measureText('attempt 0')).not.toBe(first);
		expect(measureText('attempt 0')).toEqual(first);
		const recent = measureText('attempt 5000');
		expect(measureText('attempt 5000')).toBe(recent);
	});

	it('wrap-text keeps its results in the bounded map, and a changed Ink fails the build', async () => {
		const {boundInkCaches} = await loadBundleScript<BundleScript>();
		const file = path.join(inkBuild, 'wrap-text.js');
		const patched = boundInkCaches(file, readFileSync(file, 'utf8'));
		expect(patched).toContain('new AzsBoundedMap(');
		expect(patched).not.toMatch(/cache\[/);
		expect(() => boundInkCaches(file, 'const cache = new WeakMap();')).toThrow(/expected exactly one "const cache = \{\};"/);
	});
});
