import {copyFileSync, cpSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {pathToFileURL} from 'node:url';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, repoRoot, tempDir} from '../helpers/paths.js';
import {TmuxTerminal} from '../ui/helpers/tmux.js';
import {buildWithPlugins, importBuilt, loadBundleScript} from './bundle-plugins.js';

/*
What the shipped program does before its first frame. Ink splits every line it writes
(@alcalzone/ansi-tokenize) and clips (slice-ansi) into grapheme clusters: the bundle splits a line
whose code points are each a cluster of their own by code point and builds an Intl.Segmenter only
for any other line (scripts/bundle.mjs, segmentersOnFirstUse); the patched modules are compared with
the published ones here. And Node's own modules are loaded with the module that uses them
(builtinsOnFirstUse): the start screen loads none of the network checks' modules.
*/

type BundleScript = {
	segmentersOnFirstUse: unknown;
	singleClusterTokenize: (file: string, source: string) => string;
	lazySliceAnsiSegmenter: (file: string, source: string) => string;
};
type Tokenize = (text: string, endChar?: number) => unknown[];
type SliceAnsi = (text: string, start: number, end?: number) => string;

const tokenizeSource = path.join(repoRoot, 'node_modules', '@alcalzone', 'ansi-tokenize', 'build', 'tokenize.js');
const sliceAnsiSource = path.join(repoRoot, 'node_modules', 'slice-ansi', 'tokenize-ansi.js');

/** @alcalzone/ansi-tokenize's tokenize and slice-ansi, built with or without the bundle's plugin. */
async function build(plugins: unknown[]): Promise<{tokenize: Tokenize; sliceAnsi: SliceAnsi}> {
	const built = await buildWithPlugins('export {tokenize} from "@alcalzone/ansi-tokenize";\nexport {default as sliceAnsi} from "slice-ansi";\n', plugins);
	return await importBuilt<{tokenize: Tokenize; sliceAnsi: SliceAnsi}>(built);
}

/** Each code point of planes 0 and 1 (controls and surrogates included). */
function* characters(): Generator<string> {
	for (let codePoint = 0; codePoint <= 0x1FFFF; codePoint++) {
		yield String.fromCodePoint(codePoint);
	}
}

const mixed = [
	'✔ DNS forwarders — 2 of 2 answer › next',
	'\u001B[1m🔒 Phase 3\u001B[22m · locked',
	'⠋ checking… ↑↓ move, ⏎ choose',
	'✔️ emoji presentation of a text-default mark',
	'👍🏽 thumbs up, \u001B[2mmedium\u001B[22m skin tone',
	'👨‍👩‍👧 family (joined)',
	'🇩🇪 flag (regional indicators)',
	'e\u0301 combining acute after \u001B[31mcolour\u001B[39m',
	'e\u001B[31m\u0301\u001B[39m a mark split from its base by a colour code',
	'한국어 Hangul, 한 jamo',
	'line\r\nCR LF is one cluster',
	'\u001B]8;;https://example.test\u0007link\u001B]8;;\u0007 ┌─┐',
	'\uD800 lone surrogate',
	'',
];

describe('grapheme splitting in the bundle (no Intl.Segmenter for the screens\' own text)', () => {
	let published: {tokenize: Tokenize; sliceAnsi: SliceAnsi};
	let patched: {tokenize: Tokenize; sliceAnsi: SliceAnsi};

	beforeAll(async () => {
		const {segmentersOnFirstUse} = await loadBundleScript<BundleScript>();
		published = await build([]);
		patched = await build([segmentersOnFirstUse]);
	});

	it('tokenizes and slices every code point of planes 0 and 1, in plain and coloured text, as published', () => {
		const differences: string[] = [];
		for (const character of characters()) {
			// Coloured, and beside itself (a pair that may join); sliced out of plain text.
			const coloured = `\u001B[31m${character}\u001B[39m${character}`;
			const plain = `a${character}b`;
			const same = JSON.stringify(patched.tokenize(coloured)) === JSON.stringify(published.tokenize(coloured))
				&& patched.sliceAnsi(plain, 1, 2) === published.sliceAnsi(plain, 1, 2);
			if (!same && differences.length < 20) {
				differences.push(JSON.stringify(character));
			}
		}

		expect(differences).toEqual([]);
	});

	it('agrees on texts that mix simple code points with joiners, selectors, modifiers, marks, CR LF and links', () => {
		for (const text of mixed) {
			expect(patched.tokenize(text)).toEqual(published.tokenize(text));
			expect(patched.tokenize(text, 5)).toEqual(published.tokenize(text, 5));
			for (const [start, end] of [[0, 3], [2, 7], [1, undefined]] as const) {
				expect({text, start, end, slice: patched.sliceAnsi(text, start, end)}).toEqual({text, start, end, slice: published.sliceAnsi(text, start, end)});
			}
		}
	});

	it('leaves no segmenter built when loaded, and a changed package fails the build', async () => {
		const {singleClusterTokenize, lazySliceAnsiSegmenter} = await loadBundleScript<BundleScript>();
		const tokenize = singleClusterTokenize(tokenizeSource, readFileSync(tokenizeSource, 'utf8'));
		expect(tokenize).not.toMatch(/const segmenter = new Intl\.Segmenter/);
		const slice = lazySliceAnsiSegmenter(sliceAnsiSource, readFileSync(sliceAnsiSource, 'utf8'));
		expect(slice).not.toContain('GRAPHEME_SEGMENTER');
		expect(() => singleClusterTokenize(tokenizeSource, 'const segmenter = new Intl.Segmenter();')).toThrow(/expected exactly one "const segmenter = new Intl.Segmenter\(undefined/);
		// A new use of the old segmenter in a later slice-ansi is caught, not left half-patched.
		const grown = `${readFileSync(sliceAnsiSource, 'utf8')}\nexport const more = text => GRAPHEME_SEGMENTER.segment(text);\n`;
		expect(() => lazySliceAnsiSegmenter(sliceAnsiSource, grown)).toThrow(/"GRAPHEME_SEGMENTER" is still used/);
	});
});

describe('Node modules the first frame\'s packages load only on a path it does not take', () => {
	type Patches = {startupBuiltinsOnUse: unknown; terminalSizeChildProcessOnUse: (file: string, source: string) => string; signalExitWithoutAssert: (file: string, source: string) => string};
	const signalExit = path.join(repoRoot, 'node_modules', 'ink', 'node_modules', 'signal-exit', 'index.js');
	const terminalSize = path.join(repoRoot, 'node_modules', 'terminal-size', 'index.js');

	it('signal-exit still refuses a missing callback with its message, without node:assert; terminal-size still measures', async () => {
		const {startupBuiltinsOnUse} = await loadBundleScript<Patches>();
		const built = await buildWithPlugins(`export {default as onExit} from ${JSON.stringify(signalExit)};\nexport {default as terminalSize} from "terminal-size";\n`, [startupBuiltinsOnUse]);
		expect(readFileSync(built, 'utf8')).not.toMatch(/require\(["']assert["']\)|from ["']node:child_process["']/);
		const {onExit, terminalSize: measure} = await importBuilt<{onExit: (callback?: () => void) => () => void; terminalSize: () => {columns: number; rows: number}}>(built);
		expect(() => onExit()).toThrow('a callback must be provided for exit handler');
		onExit(() => undefined)();
		const size = measure();
		expect(Number.isInteger(size.columns) && Number.isInteger(size.rows)).toBe(true);
	});

	it('a package whose patched line changed fails the build', async () => {
		const {terminalSizeChildProcessOnUse, signalExitWithoutAssert} = await loadBundleScript<Patches>();
		expect(() => terminalSizeChildProcessOnUse(terminalSize, 'import {execFileSync, spawnSync} from \'node:child_process\';')).toThrow(/expected exactly one/);
		expect(() => signalExitWithoutAssert(signalExit, `${readFileSync(signalExit, 'utf8')}\nvar strict = require('assert').strict\n`)).toThrow(/"require\('assert'\)" is still used/);
	});
});

const quote = (value: string) => `'${value.replaceAll('\'', '\'\\\'\'')}'`;
/** The shell command that starts the shipped program's TUI with `preload` imported first. */
const tuiWith = (preload: string, stateDir: string) => `exec env -u CI NODE_OPTIONS=${quote(`--import ${pathToFileURL(preload).href}`)} ${quote(process.execPath)} ${quote(cliPath)} --state-dir ${quote(stateDir)}`;

/**
Quits the TUI and waits for it to end: just after its first frame the program writes its code cache
into the state directory, which must not race the removal of the temporary directory.
*/
async function quit(terminal: TmuxTerminal): Promise<void> {
	await terminal.key('C-c');
	await terminal.waitForExit(20_000);
}

describe('the shipped program\'s first frame', () => {
	const terminals: TmuxTerminal[] = [];
	afterEach(() => {
		for (const terminal of terminals.splice(0)) {
			terminal.dispose();
		}
	});

	it('builds no Intl.Segmenter; a typed combining mark then needs one', async () => {
		const dir = tempDir('azs-segmenter-frame-');
		const marker = path.join(dir, 'segmenter-built');
		const preload = path.join(dir, 'count-segmenters.mjs');
		// Records each segmenter built in the program's process (a file: the TUI owns the terminal).
		writeFileSync(preload, `import {appendFileSync} from 'node:fs';\nconst Segmenter = Intl.Segmenter;\nIntl.Segmenter = class extends Segmenter {\n\tconstructor(...options) {\n\t\tsuper(...options);\n\t\tappendFileSync(${JSON.stringify(marker)}, new Error('built').stack + '\\n');\n\t}\n};\n`);
		const terminal = new TmuxTerminal();
		terminals.push(terminal);
		terminal.start(tuiWith(preload, path.join(dir, 'state')));
		await terminal.waitFor('New session name');
		await terminal.type('site');
		expect(existsSync(marker) ? readFileSync(marker, 'utf8') : 'none built').toBe('none built');

		// The counter works: a name with a combining mark is not simple text.
		await terminal.type('e\u0301');
		for (let look = 0; look < 200 && !existsSync(marker); look++) {
			await delay(50);
		}

		expect(existsSync(marker)).toBe(true);
	});

	it('draws the same with DEV=true in the environment, where no package.json is beside the bundle (a kit)', async () => {
		const dir = tempDir('azs-dev-frame-');
		// As in a kit: the bundle and steps/, nothing else (Ink in development mode read ../package.json).
		copyFileSync(cliPath, path.join(dir, 'azs-runbook.mjs'));
		cpSync(path.join(repoRoot, 'steps'), path.join(dir, 'steps'), {recursive: true});
		const terminal = new TmuxTerminal();
		terminals.push(terminal);
		terminal.start(`exec env -u CI DEV=true ${quote(process.execPath)} ${quote(path.join(dir, 'azs-runbook.mjs'))} --state-dir ${quote(path.join(dir, 'state'))}`);
		const screen = await terminal.waitFor('New session name', 20_000);
		expect(screen).not.toMatch(/ENOENT|Warning|devtools/i);
		await quit(terminal);
	});

	it('loads none of Node\'s network-check modules: the bundle imports them with the module that uses them', async () => {
		const dir = tempDir('azs-builtins-frame-');
		const list = path.join(dir, 'modules.txt');
		const preload = path.join(dir, 'list-modules.mjs');
		// Writes the modules Node has loaded once the start screen is on the terminal.
		writeFileSync(preload, `import {writeFileSync} from 'node:fs';\nconst write = process.stdout.write.bind(process.stdout);\nlet done = false;\nprocess.stdout.write = (chunk, ...rest) => {\n\tif (!done && String(chunk).includes('New session name')) {\n\t\tdone = true;\n\t\twriteFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n'));\n\t}\n\n\treturn write(chunk, ...rest);\n};\n`);
		const terminal = new TmuxTerminal();
		terminals.push(terminal);
		terminal.start(tuiWith(preload, path.join(dir, 'state')));
		await terminal.waitFor('New session name');
		for (let look = 0; look < 200 && !existsSync(list); look++) {
			await delay(50);
		}

		const loaded = new Set(readFileSync(list, 'utf8').split('\n').filter(line => line.startsWith('NativeModule ')).map(line => line.slice('NativeModule '.length)));
		// tty (the terminal) and a hash (the shipped runbook's check) are needed; the checks' modules are not.
		expect(loaded.has('tty')).toBe(true);
		expect(['tls', 'dns', 'http', 'https', 'zlib', 'readline', 'timers/promises'].filter(name => loaded.has(name))).toEqual([]);
		// Nor what only a path it does not take needs (startupBuiltinsOnUse, entryModule): terminal-size's
		// commands, signal-exit's type check, execa's IPC and the heap flag set after the first frame,
		// and what an ES import of node:util or node:crypto would load with its namespace.
		expect(['child_process', 'dgram', 'assert', 'v8', 'worker_threads', 'internal/crypto/webcrypto', 'internal/util/diff'].filter(name => loaded.has(name))).toEqual([]);
		await quit(terminal);
	});
});
