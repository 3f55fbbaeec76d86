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

/** An esbuild onLoad giving the file it loads as `patch(file, source)` returns it (the patches below). */
const patchedSource = patch => args => ({contents: patch(args.path, readFileSync(args.path, 'utf8')), loader: 'js', resolveDir: path.dirname(args.path)});

/*
Ink imports its React DevTools bridge only when DEV=true, but a bundler follows every import; the
bridge needs react-devtools-core, which is not installed. It becomes an empty module. And DEV=true
in an engineer's environment must not change the shipped program: Ink would then read its own
package.json beside the bundle (none in a kit: the TUI died with ENOENT) through a dynamic import.
Ink's isDev() is false in the bundle.
*/
export function inkDevelopmentOff(file, source) {
	return patchExactly(file, source, [["const isDev = () => process.env['DEV'] === 'true';", 'const isDev = () => false;']], {what: 'keep Ink\'s development mode out of the bundle'});
}

const inkDevtoolsIsEmpty = {
	name: 'ink-devtools-is-empty',
	setup(build) {
		build.onResolve({filter: /^\.\/devtools\.js$/}, args => (/[\\/]ink[\\/]/.test(args.importer) ? {path: 'ink-devtools', namespace: 'empty-module'} : undefined));
		build.onLoad({filter: /.*/, namespace: 'empty-module'}, () => ({contents: 'export {};', loader: 'js'}));
		build.onLoad({filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]utils\.js$/}, patchedSource(inkDevelopmentOff));
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

/**
`source` with each [from, to] replaced; every `from` must occur exactly once and no `gone` text may
remain, so a dependency that changed the patched lines fails the build instead of being left
half-patched. `prelude` goes before the patched source (imports of the replacements).
*/
export function patchExactly(file, source, patches, {prelude = '', gone = [], what}) {
	let patched = source;
	for (const [from, to] of patches) {
		if (patched.split(from).length !== 2) {
			throw new Error(`${file}: expected exactly one "${from}" to ${what} (the package changed? see scripts/bundle.mjs)`);
		}

		patched = patched.replace(from, () => to);
	}

	for (const text of gone) {
		if (patched.includes(text)) {
			throw new Error(`${file}: "${text}" is still used after patching, to ${what} (the package changed? see scripts/bundle.mjs)`);
		}
	}

	return `${prelude}${patched}`;
}

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
	const boundedMap = JSON.stringify(path.join(root, 'src', 'ui', 'bounded-map.ts'));
	const glyphs = JSON.stringify(path.join(root, 'src', 'ui', 'glyphs.ts'));
	return patchExactly(file, source, inkCachePatches[path.basename(file)], {
		prelude: `import {BoundedMap as AzsBoundedMap} from ${boundedMap};\nimport {marks as azsMarks} from ${glyphs};\n`,
		what: 'bound Ink\'s cache',
	});
}

export const inkBoundedCaches = {
	name: 'ink-bounded-caches',
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/](measure-text|wrap-text)\.js$/}, patchedSource(boundInkCaches));
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
zod's namespace object also carries its schema compiler (z.compile, 92 KB) and the JSON Schema
reader (z.fromJSONSchema, 38 KB), which the program never calls but which the bundle would parse
and initialise before the first frame. Both modules are replaced by ones exporting the same names;
calling one of them says it is not in this build.
*/
const zodLeftOutModules = {
	'core/compile.js': `const leftOut = name => () => { throw new Error(\`zod's \${name} is not in this build of azs-runbook\`); };
export const INVALID = Symbol.for("zod.compile.invalid");
export class ZodCompileAsyncError extends Error {}
export class ZodCompileUnsupportedError extends Error {}
export const compile = leftOut("compile");
export const withParser = leftOut("withParser");
export const compileFn = leftOut("compileFn");
`,
	'classic/from-json-schema.js': `export function fromJSONSchema() { throw new Error("zod's fromJSONSchema is not in this build of azs-runbook"); }
`,
};

export const zodUnusedPartsLeftOut = {
	name: 'zod-unused-parts-left-out',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/](?:core[\\/]compile|classic[\\/]from-json-schema)\.js$/}, args => {
			const part = args.path.split(/[\\/]/).slice(-2).join('/');
			const exported = [...readFileSync(args.path, 'utf8').matchAll(/^export (?:const|class|function) (\w+)/gm)].map(match => match[1]).sort();
			const replacement = zodLeftOutModules[part];
			const replaced = [...replacement.matchAll(/^export (?:const|class|function) (\w+)/gm)].map(match => match[1]).sort();
			// A zod update that exports something new from these modules fails the build, not the program.
			if (JSON.stringify(exported) !== JSON.stringify(replaced)) {
				throw new Error(`zod's ${part} now exports ${exported.join(', ')}; scripts/bundle.mjs replaces ${replaced.join(', ')}`);
			}

			return {contents: replacement, loader: 'js', resolveDir: path.dirname(args.path)};
		});
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
string-width builds its RGI-emoji regex (~30 ms) and an Intl.Segmenter (the first in a process
loads ICU's break rules: 14–21 ms) when loaded, before the first frame, and splits every non-ASCII
text into grapheme clusters. Both are built on first use instead, and texts made only of code
points that are clusters of their own (the screens' marks, box drawing, arrows, 🔒) are measured by
src/ui/simple-width.ts with string-width's own East Asian Width rule. Exact-line patches, as for
Ink: a string-width that changed them fails the build.
*/
const stringWidthPatches = [
	['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiRegex;'],
	['const segmenter = new Intl.Segmenter();', 'let segmenter;'],
	['for (const {segment} of segmenter.segment(string)) {', 'for (const {segment} of (segmenter ??= new Intl.Segmenter()).segment(string)) {'],
	['if (rgiEmojiRegex.test(segment) ||', 'if ((rgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(segment) ||'],
	[
		'\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n',
		'\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n\tconst azsSimpleWidth = azsSimpleTextWidth(string, codePoint => eastAsianWidth(codePoint, eastAsianWidthOptions));\n\tif (azsSimpleWidth !== undefined) {\n\t\treturn azsSimpleWidth;\n\t}\n',
	],
];

/** string-width's source with the lazy regex and the fast path; throws when a line to replace is not there. */
export function fastStringWidth(file, source) {
	const simpleWidth = JSON.stringify(path.join(root, 'src', 'ui', 'simple-width.ts'));
	return patchExactly(file, source, stringWidthPatches, {
		prelude: `import {simpleTextWidth as azsSimpleTextWidth} from ${simpleWidth};\n`,
		gone: ['segmenter.segment('],
		what: 'patch string-width',
	});
}

export const stringWidthFastPath = {
	name: 'string-width-fast-path',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/}, patchedSource(fastStringWidth));
	},
};

/*
Ink writes every line of a frame through @alcalzone/ansi-tokenize, which splits it into grapheme
clusters with an Intl.Segmenter built when the module loads. A line whose code points are each a
cluster of their own (the screens' text and its colour codes) is split by code point
(src/ui/simple-width.ts, singleClusterSegments); any other line is segmented as before, by a
segmenter built on first use. With string-width's and slice-ansi's segmenters also built on first
use, the first frame builds none (test/install/first-frame-loads.test.ts).
*/
export function singleClusterTokenize(file, source) {
	const simpleWidth = JSON.stringify(path.join(root, 'src', 'ui', 'simple-width.ts'));
	return patchExactly(file, source, [
		['const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });', 'let azsSegmenter;'],
		['for (const { segment, index } of segmenter.segment(str)) {', 'for (const { segment, index } of (azsSingleClusterSegments(str) ?? (azsSegmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(str))) {'],
	], {
		prelude: `import {singleClusterSegments as azsSingleClusterSegments} from ${simpleWidth};\n`,
		gone: ['segmenter.segment('],
		what: 'split simple lines by code point in ansi-tokenize',
	});
}

/** slice-ansi (Ink's clipping, cli-truncate): simple lines split by code point, the segmenter built on first use. */
export function lazySliceAnsiSegmenter(file, source) {
	return patchExactly(file, source, [
		['const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: \'grapheme\'});', 'let azsGraphemeSegmenter;\nconst graphemeSegmenter = () => (azsGraphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: \'grapheme\'}));'],
		['for (const segment of GRAPHEME_SEGMENTER.segment(visibleString)) {', 'for (const segment of graphemeSegmenter().segment(visibleString)) {'],
		['for (const segment of GRAPHEME_SEGMENTER.segment(pair)) {', 'for (const segment of (azsSingleClusterSegments(pair) ?? graphemeSegmenter().segment(pair))) {'],
		['const graphemeSegments = GRAPHEME_SEGMENTER.segment(string);', 'const graphemeSegments = azsSingleClusterSegments(string) ?? graphemeSegmenter().segment(string);'],
	], {
		prelude: `import {singleClusterSegments as azsSingleClusterSegments} from ${JSON.stringify(path.join(root, 'src', 'ui', 'simple-width.ts'))};\n`,
		gone: ['GRAPHEME_SEGMENTER'],
		what: 'build slice-ansi\'s segmenter on first use',
	});
}

export const segmentersOnFirstUse = {
	name: 'segmenters-on-first-use',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/}, patchedSource(singleClusterTokenize));
		build.onLoad({filter: /[\\/]node_modules[\\/]slice-ansi[\\/]tokenize-ansi\.js$/}, patchedSource(lazySliceAnsiSegmenter));
	},
};

/*
An ES module's imports of Node's own modules are hoisted to the top of the bundle and loaded before
its first line runs: dgram, tls, child_process, readline… — modules only the checks, the runner or a
command use, ~20 ms of compiling Node's own code before the TUI's first frame (most are not in
Node's start-up snapshot). Each import of one of these becomes a CommonJS module that requires it,
which the bundler initialises with the module that imports it: only when that module is first used
(the commands and screens are imported on demand).
Only the modules listed: the rest (process, fs, path, os, tty, events, stream, util…) are loaded
by Node at start-up or by Ink anyway, and stay ES imports. Wrapping node:process as well made
node.exe abort before the first frame under Wine ("Assertion failed: process_title", in libuv's
Windows uv_get_process_title): the same bundle without node:process in this list draws it.
*/
const builtinsLoadedOnFirstUse = new Set(['child_process', 'dgram', 'dns', 'dns/promises', 'http', 'https', 'net', 'perf_hooks', 'readline', 'readline/promises', 'stream/promises', 'timers/promises', 'tls', 'v8', 'worker_threads', 'zlib']);

export const builtinsOnFirstUse = {
	name: 'builtins-on-first-use',
	setup(build) {
		build.onResolve({filter: /^(?:node:)?[a-z][a-z0-9_]*(?:\/[a-z_]+)?$/}, args => {
			const name = args.path.replace(/^node:/, '');
			if (args.kind !== 'import-statement' || !builtinsLoadedOnFirstUse.has(name)) {
				return undefined;
			}

			return {path: name, namespace: 'builtin-on-first-use'};
		});
		build.onLoad({filter: /.*/, namespace: 'builtin-on-first-use'}, args => ({contents: `module.exports = require(${JSON.stringify(`node:${args.path}`)});`, loader: 'js'}));
	},
};

// The shipped-runbook record is built as an ES module and imported here; its bundled CommonJS
// packages call require(), which an ES module has none of. (The program gets require from its entry.)
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

/*
The bundle is one file in two parts. First a small ES module, src/install/program-entry.ts, then a
marker line, then the program with every line behind `//`: Node parses the program as comments
(fast), and the entry compiles it as a script with V8's code cache, which keeps functions compiled
up to the first frame (Node's module compile cache keeps only what is compiled before a module
runs). A script has no import statements: the program's imports of Node's modules become requires
at its top (hoisted as imports are), import.meta.url a parameter, and the whole an async function
(its top-level awaits stay legal) that the entry calls with require and the bundle's URL.
*/
// The same line as src/install/program-text.ts's programMarker (test/install/code-cache.test.ts).
export const programMarker = '\n//@azs-runbook-program\n';
const builtinImport = /import\s*([\w$]+\s*,\s*)?(\{[^}]*\}|\*\s*as\s+[\w$]+|[\w$]+)\s*from\s*"(node:[\w/]+)";?/g;

/** A `var` declaration for one import clause: `{a as b}` → `{a: b}`, `* as x` and `x` → x. */
function requireDeclaration(clause, moduleName, loader = 'require') {
	const binding = clause.startsWith('{') ? clause.replace(/([\w$]+)\s+as\s+([\w$]+)/g, '$1: $2') : clause.replace(/^\*\s*as\s+/, '');
	return `var ${binding} = ${loader}(${JSON.stringify(moduleName)});`;
}

/** Every import of a Node module in `moduleText` as a `var` from `loader`, hoisted; fails unless all `importStatements` were. */
function hoistBuiltinImports(moduleText, importStatements, loader, what) {
	const hoisted = [];
	let converted = 0;
	const body = moduleText.replace(builtinImport, (_, defaultBinding, clause, moduleName) => {
		converted++;
		if (defaultBinding) {
			hoisted.push(requireDeclaration(defaultBinding.replace(/\s*,\s*$/, ''), moduleName, loader));
		}

		hoisted.push(requireDeclaration(clause, moduleName, loader));
		return '';
	});
	if (converted !== importStatements) {
		throw new Error(`${what} has ${importStatements} import statements of Node modules, ${converted} were converted: the bundle would not run`);
	}

	return {hoisted, body};
}

/*
The entry's imports of Node's modules, read through process.getBuiltinModule. An ES module import
of a Node module builds its namespace, and that reads every export: node:util's loads worker_threads,
its diff and the event-loop meter; node:crypto's loads WebCrypto. ~5 ms of Node's own modules before
the program starts, none of which the first frame uses. The shebang stays first.
*/
export function entryModule(moduleText, importStatements) {
	const shebang = /^#!.*\n/.exec(moduleText)?.[0] ?? '';
	const {hoisted, body} = hoistBuiltinImports(moduleText.slice(shebang.length), importStatements, 'process.getBuiltinModule', 'the entry');
	return `${shebang}${hoisted.join('\n')}\n${body}`;
}

/** esbuild's ES module output as the script program-entry.ts runs; fails on anything it cannot convert. */
export function programScript(moduleText, importStatements, esbuild) {
	const {hoisted, body} = hoistBuiltinImports(moduleText.replace(/^#!.*\n/, ''), importStatements, 'require', 'the program');

	// esbuild writes ASCII, escaping the rest, but leaves control characters raw in string literals
	// (yaml's "\x02", Ink's "\x03"): written as escapes they mean the same there, and a `//` line
	// cannot be ended by one (a carriage return would). Not so in a template's raw text or a regular
	// expression after a backslash: esbuild reprints both versions, and any difference (it normalises
	// string literals, not those) fails the build.
	// eslint-disable-next-line no-control-regex -- finding control characters is this expression's job
	const escaped = body.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, character => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
	if (escaped !== body) {
		const reprint = text => esbuild.transformSync(text, {loader: 'js', format: 'esm', logLevel: 'silent'}).code;
		if (reprint(escaped) !== reprint(body)) {
			throw new Error('the program has a control character outside a string literal (a template or a regular expression): escaping it would change what it means');
		}
	}

	// The ES module was strict; the script that replaces it must be too.
	const script = `(async function (require, __azsProgramUrl) {\n"use strict";\n${hoisted.join('\n')}\n${escaped}\n})`;
	if (/[^\n\t\x20-\x7e]/.test(script)) {
		throw new Error('the program has a character other than printable ASCII, tab and \\n: it cannot be carried as // lines');
	}

	return script;
}

/** The entry, the marker, the program as `//` lines. */
function assembleBundle(entryText, script) {
	return `${entryText.replace(/\n*$/, '')}${programMarker}${script.split('\n').map(line => `//${line}`).join('\n')}\n`;
}

/** An esbuild input in a plugin's namespace (`builtin-on-first-use:dgram`), not a file. */
export function isVirtualModule(input) {
	return /^[a-z][\w-]+:/.test(input);
}

/*
Two packages the first frame loads use a Node module only on a path it does not take: terminal-size
runs `tput` or `stty` (child_process, and with it dgram) only when the output is no terminal, and
signal-exit 3 (Ink's, restore-cursor's) needs node:assert for one type check of its callback. Each
is loaded when used instead (~2 ms before the first frame); the check throws the same message.
Exact-line patches: a package that changed them fails the build.
*/
export function terminalSizeChildProcessOnUse(file, source) {
	return patchExactly(file, source, [
		['import {execFileSync} from \'node:child_process\';', 'const execFileSync = (...arguments_) => process.getBuiltinModule(\'node:child_process\').execFileSync(...arguments_);'],
	], {gone: ['from \'node:child_process\''], what: 'load child_process when terminal-size runs a command'});
}

export function signalExitWithoutAssert(file, source) {
	return patchExactly(file, source, [
		['  var assert = require(\'assert\')\n', '  var assert = {equal: function (actual, expected, message) { if (actual != expected) throw new Error(message) }}\n'],
	], {gone: ['require(\'assert\')'], what: 'check signal-exit\'s callback without node:assert'});
}

export const startupBuiltinsOnUse = {
	name: 'startup-builtins-on-use',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]terminal-size[\\/]index\.js$/}, patchedSource(terminalSizeChildProcessOnUse));
		build.onLoad({filter: /[\\/]node_modules[\\/](?:ink|restore-cursor)[\\/]node_modules[\\/]signal-exit[\\/]index\.js$/}, patchedSource(signalExitWithoutAssert));
	},
};

/** Builds the bundle and records its inputs. */
export async function bundle() {
	const esbuild = await import('esbuild');
	const {Script} = await import('node:vm');
	const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	mkdirSync(path.dirname(bundlePath), {recursive: true});
	const temporary = `${bundlePath}.${process.pid}.tmp`;
	const shipped = await shippedRunbook(esbuild);
	// Both parts: built in memory, assembled below.
	const common = {
		absWorkingDir: root,
		write: false,
		bundle: true,
		platform: 'node',
		format: 'esm',
		// The oldest runtime supported (package.json engines); the kits carry a newer one.
		target: 'node20.19',
		// Whitespace and syntax only: less to parse at start-up, and stack traces keep their names.
		minifyWhitespace: true,
		minifySyntax: true,
		metafile: true,
		logLevel: 'warning',
	};
	const entry = await esbuild.build({...common, entryPoints: ['src/install/program-entry.ts']});
	const result = await esbuild.build({
		...common,
		entryPoints: ['src/cli.ts'],
		outfile: temporary,
		legalComments: 'eof',
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
			'import.meta.url': '__azsProgramUrl',
		},
		plugins: [inkDevtoolsIsEmpty, oneStringWidth, inkBoundedCaches, stringWidthFastPath, segmentersOnFirstUse, selectPointer, zodEnglishOnly, zodUnusedPartsLeftOut, startupBuiltinsOnUse, builtinsOnFirstUse],
	});
	const importStatements = build => Object.values(build.metafile.outputs)[0].imports.filter(record => record.kind === 'import-statement').length;
	const script = programScript(result.outputFiles[0].text, importStatements(result), esbuild);
	// A syntax error fails the build, not the engineer's first start.
	new Script(script, {filename: 'azs-runbook program'});
	writeFileSync(temporary, assembleBundle(entryModule(entry.outputFiles[0].text, importStatements(entry)), script), {mode: 0o755});
	renameSync(temporary, bundlePath);
	// Not the plugins' virtual modules ("empty-module:ink-devtools"): no file to hash. A drive letter
	// ("D:/…", a file on another drive of a Windows build machine) is one letter, a namespace more.
	const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...Object.keys(entry.metafile.inputs), ...shipped.inputs])].filter(file => !isVirtualModule(file)).concat('package.json', 'scripts/bundle.mjs');
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
