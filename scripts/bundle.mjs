#!/usr/bin/env node
/*
Builds dist/azs-runbook.mjs: the whole program (dependencies included) in one ES module, which
`npm start`, the `bin` entry and the portable kits run. Plain JavaScript so it runs before anything
is compiled, with nothing but Node and esbuild.

  node scripts/bundle.mjs             build
  node scripts/bundle.mjs --if-stale  build only when an input file changed since the last build

Staleness is decided by content, not timestamps: the last build records the SHA-256 of every file
esbuild read (its metafile) plus this script and package.json; a checkout that only touches
timestamps rebuilds nothing, and an edit to any imported file, here or in node_modules, rebuilds.
*/
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bundlePath = path.join(root, 'dist', 'azs-runbook.mjs');
const inputsRecord = path.join(root, 'dist', 'azs-runbook.inputs.json');

function sha256(file) {
	try {
		return createHash('sha256').update(readFileSync(file)).digest('hex');
	} catch {
		return 'missing';
	}
}

/** True when the bundle is missing or any file it was built from changed. */
export function bundleIsStale() {
	if (!existsSync(bundlePath) || !existsSync(inputsRecord)) {
		return true;
	}

	let recorded;
	try {
		recorded = JSON.parse(readFileSync(inputsRecord, 'utf8'));
	} catch {
		return true;
	}

	return !Array.isArray(recorded.files) || recorded.files.length === 0
		|| recorded.files.some(entry => sha256(path.join(root, entry.file)) !== entry.sha256);
}

/*
Ink imports its React DevTools bridge only when DEV=true, but a bundler follows every import; the
bridge needs react-devtools-core, which is not installed. It becomes an empty module.
*/
const inkDevtoolsIsEmpty = {
	name: 'ink-devtools-is-empty',
	setup(build) {
		build.onResolve({filter: /^\.\/devtools\.js$/}, args => (/[\\/]ink[\\/]/.test(args.importer) ? {path: 'ink-devtools', namespace: 'empty-module'} : undefined));
		build.onLoad({filter: /.*/, namespace: 'empty-module'}, () => ({contents: 'export {};', loader: 'js'}));
	},
};

/*
wrap-ansi carries its own older string-width; each copy builds an Intl.Segmenter and its Unicode
regexes when loaded, before the first frame. Ink measures with the newer one; wrapping with the same
one keeps both agreed (same call: stringWidth(text, options) → number).
*/
const oneStringWidth = {
	name: 'one-string-width',
	setup(build) {
		build.onResolve({filter: /^string-width$/}, async args => {
			if (!/[\\/]wrap-ansi[\\/]/.test(args.importer) || args.pluginData?.oneStringWidth) {
				return undefined;
			}

			return build.resolve('string-width', {kind: args.kind, resolveDir: path.join(root, 'src'), pluginData: {oneStringWidth: true}});
		});
	},
};

/*
Ink 6 remembers every text it ever measured or wrapped in two module-level caches that are never
emptied (ink/build/measure-text.js: `new Map()`, wrap-text.js: `{}`; Ink issue #986): each new
"attempt 1234", elapsed time or countdown stays for the life of the process, a leak in a session
that runs for days. Both become a BoundedMap (src/ui/bounded-map.ts) of a few screens' worth of
texts; and Ink's own cut mark ("…") becomes the glyph set's (src/ui/glyphs.ts: "~" on a console
without the glyphs). The replaced lines are matched exactly: an Ink that changed them fails the build.
*/
const inkCacheCapacity = 2000;
const inkCachePatches = {
	'measure-text.js': [['const cache = new Map();', `const cache = new AzsBoundedMap(${inkCacheCapacity});`]],
	'wrap-text.js': [
		['const cache = {};', `const cache = new AzsBoundedMap(${inkCacheCapacity});`],
		['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
		['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
		// Ink cuts a line with "…" of its own: on a console without the glyphs, the ASCII cut mark.
		['wrappedText = cliTruncate(text, maxWidth, { position });', 'wrappedText = cliTruncate(text, maxWidth, { position, truncationCharacter: azsMarks.cut });'],
	],
};

/** Ink's source with its unbounded caches replaced; throws when a line to replace is not there. */
export function boundInkCaches(file, source) {
	const patches = inkCachePatches[path.basename(file)];
	let patched = source;
	for (const [from, to] of patches) {
		if (patched.split(from).length !== 2) {
			throw new Error(`${file}: expected exactly one "${from}" to bound Ink's cache (Ink changed? see scripts/bundle.mjs)`);
		}

		patched = patched.replace(from, to);
	}

	const boundedMap = JSON.stringify(path.join(root, 'src', 'ui', 'bounded-map.ts'));
	const glyphs = JSON.stringify(path.join(root, 'src', 'ui', 'glyphs.ts'));
	return `import {BoundedMap as AzsBoundedMap} from ${boundedMap};\nimport {marks as azsMarks} from ${glyphs};\n${patched}`;
}

export const inkBoundedCaches = {
	name: 'ink-bounded-caches',
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/](measure-text|wrap-text)\.js$/}, args => ({
			contents: boundInkCaches(args.path, readFileSync(args.path, 'utf8')),
			loader: 'js',
			resolveDir: path.dirname(args.path),
		}));
	},
};

/*
zod's namespace object carries every translation of its error messages (`z.locales`, 60-odd
modules, ~10 ms to load before the first frame). The program speaks English and never reads
z.locales: only the English one stays.
*/
export const zodEnglishOnly = {
	name: 'zod-english-only',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/}, args => ({
			contents: 'export { default as en } from "./en.js";\n',
			loader: 'js',
			resolveDir: path.dirname(args.path),
		}));
	},
};

/*
ink-select-input imports the `figures` package for one character, the pointer before the chosen
item; `figures` builds its whole symbol table when loaded. src/ui/select-pointer.ts gives it that
pointer from the TUI's own glyph set.
*/
export const selectPointer = {
	name: 'select-pointer',
	setup(build) {
		build.onResolve({filter: /^figures$/}, args => (/[\\/]ink-select-input[\\/]/.test(args.importer) ? {path: path.join(root, 'src', 'ui', 'select-pointer.ts')} : undefined));
	},
};

/*
string-width builds its RGI-emoji regex (~30 ms) when loaded, before the first frame, and splits
every non-ASCII text into grapheme clusters. The regex is built on first use instead, and texts
made only of code points that are clusters of their own (the screens' marks, box drawing, arrows,
🔒) are measured by src/ui/simple-width.ts with string-width's own East Asian Width rule.
Exact-line patches, as for Ink: a string-width that changed them fails the build.
*/
const stringWidthPatches = [
	['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiRegex;'],
	['if (rgiEmojiRegex.test(segment) ||', 'if ((rgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(segment) ||'],
	[
		'\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n',
		'\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n\tconst azsSimpleWidth = azsSimpleTextWidth(string, codePoint => eastAsianWidth(codePoint, eastAsianWidthOptions));\n\tif (azsSimpleWidth !== undefined) {\n\t\treturn azsSimpleWidth;\n\t}\n',
	],
];

/** string-width's source with the lazy regex and the fast path; throws when a line to replace is not there. */
export function fastStringWidth(file, source) {
	let patched = source;
	for (const [from, to] of stringWidthPatches) {
		if (patched.split(from).length !== 2) {
			throw new Error(`${file}: expected exactly one "${from}" to patch string-width (string-width changed? see scripts/bundle.mjs)`);
		}

		patched = patched.replace(from, () => to);
	}

	const simpleWidth = JSON.stringify(path.join(root, 'src', 'ui', 'simple-width.ts'));
	return `import {simpleTextWidth as azsSimpleTextWidth} from ${simpleWidth};\n${patched}`;
}

export const stringWidthFastPath = {
	name: 'string-width-fast-path',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/}, args => ({
			contents: fastStringWidth(args.path, readFileSync(args.path, 'utf8')),
			loader: 'js',
			resolveDir: path.dirname(args.path),
		}));
	},
};

// Bundled CommonJS packages (React) call require(); an ES module has none.
const requireShim = "import {createRequire as azsCreateRequire} from 'node:module';\nconst require = azsCreateRequire(import.meta.url);";

/*
The embedded runbook, validated now (src/runbook/shipped-runbook-record.ts, built and run on its
own), goes into the bundle with the SHA-256 of each file it came from: a first start uses it
instead of parsing and validating the YAML while those files are unchanged
(src/runbook/shipped-runbook.ts). A runbook that does not validate fails the build.
*/
async function shippedRunbook(esbuild) {
	const temporary = path.join(root, 'dist', `shipped-runbook.${process.pid}.tmp.mjs`);
	try {
		const result = await esbuild.build({
			absWorkingDir: root,
			entryPoints: ['src/runbook/shipped-runbook-record.ts'],
			outfile: temporary,
			bundle: true,
			platform: 'node',
			format: 'esm',
			target: 'node20.19',
			metafile: true,
			logLevel: 'warning',
			banner: {js: requireShim},
		});
		const {shippedRunbookRecord} = await import(pathToFileURL(temporary).href);
		const record = shippedRunbookRecord(path.join(root, 'steps'));
		const inputs = [...Object.keys(result.metafile.inputs), ...record.files.map(source => path.join('steps', ...source.file.split('/')))];
		return {record, inputs};
	} finally {
		rmSync(temporary, {force: true});
	}
}

/** Builds the bundle and records its inputs. */
export async function bundle() {
	const esbuild = await import('esbuild');
	const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	mkdirSync(path.dirname(bundlePath), {recursive: true});
	const temporary = `${bundlePath}.${process.pid}.tmp`;
	const shipped = await shippedRunbook(esbuild);
	const result = await esbuild.build({
		absWorkingDir: root,
		entryPoints: ['src/cli.ts'],
		outfile: temporary,
		bundle: true,
		platform: 'node',
		format: 'esm',
		// The oldest runtime supported (package.json engines); the kits carry a newer one.
		target: 'node20.19',
		// Whitespace and syntax only: less to parse at start-up, and stack traces keep their names.
		minifyWhitespace: true,
		minifySyntax: true,
		legalComments: 'eof',
		metafile: true,
		logLevel: 'warning',
		define: {
			AZS_RUNBOOK_VERSION: JSON.stringify(packageJson.version),
			// React's and the reconciler's development builds are dropped (they also leak a
			// performance measure per render); the shipped program is always production.
			'process.env.NODE_ENV': '"production"',
			// Yoga's WebAssembly loader fetch()es its own base64 data: URL when fetch exists, which
			// loads Node's whole HTTP client (undici, ~0.1 s) on the way to the first frame; without
			// fetch it decodes the same bytes synchronously. Nothing of ours uses fetch.
			fetch: 'undefined',
			AZS_SHIPPED_RUNBOOK: JSON.stringify(JSON.stringify(shipped.record)),
		},
		banner: {js: requireShim},
		plugins: [inkDevtoolsIsEmpty, oneStringWidth, inkBoundedCaches, stringWidthFastPath, selectPointer, zodEnglishOnly],
	});
	renameSync(temporary, bundlePath);
	const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...shipped.inputs])].filter(file => !file.includes(':')).concat('package.json', 'scripts/bundle.mjs');
	const files = inputs.map(file => ({file: file.split(path.sep).join('/'), sha256: sha256(path.join(root, file))}));
	writeFileSync(inputsRecord, `${JSON.stringify({version: packageJson.version, files}, null, '\t')}\n`);
	return bundlePath;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	if (process.argv.includes('--if-stale') && !bundleIsStale()) {
		process.exit(0);
	}

	await bundle();
}
