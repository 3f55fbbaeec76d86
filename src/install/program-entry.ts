#!/usr/bin/env node
import {createRequire} from 'node:module';
import {fileURLToPath, pathToFileURL} from 'node:url';
import vm from 'node:vm';
import {codeCacheFile, codeCacheKey, readCodeCache, writeCodeCache} from './code-cache.js';
import {programText, stateDirFromArgv} from './program-text.js';
import {installCodeCacheWriter} from './save-code-cache.js';

/*
The first lines of dist/azs-runbook.mjs. The program itself follows them in the same file, each
line behind `//` (scripts/bundle.mjs): Node skips it as comments, and this compiles it with V8's
code cache. Node's own compile cache (module.enableCompileCache) keeps a module's code as compiled
before it runs: for a bundle that is little more than its top level, since V8 compiles a function
when it is first called. The cache here is made after the interactive screen's first frame, so it
holds every function start-up ran (src/install/code-cache.ts).
*/

type Program = (require: NodeJS.Require, programUrl: string) => Promise<void>;

/**
Where this start's cache is and what it holds, or undefined when there is no place for one: without
--state-dir the default state directory needs the home directory, which a service account without
a profile may not have. The program then runs without a cache and says what it says about that.
*/
function cacheFor(stored: Buffer): {file: string; key: string; data?: Buffer} | undefined {
	try {
		const file = codeCacheFile(stateDirFromArgv(process.argv.slice(2)));
		const key = codeCacheKey(stored);
		return {file, key, data: readCodeCache(file, key)};
	} catch {
		return undefined;
	}
}

/**
Compiles the program with the cache when there is a usable one, and installs the writer the
interactive screen calls after its first frame. In a function so that the file's bytes and the
cache's (~3.5 MB) can be collected once compiled: V8 keeps the source, nothing keeps those.
*/
function compileProgram(file: string): vm.Script {
	const {source, stored, lineOffset} = programText(file);
	const cache = cacheFor(stored);
	const script = new vm.Script(source, {filename: file, lineOffset, cachedData: cache?.data, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER});
	let saved = cache === undefined || (cache.data !== undefined && script.cachedDataRejected !== true);
	installCodeCacheWriter(() => {
		// Once per process, and only when there was no usable cache (a new build, another Node).
		if (!saved && cache) {
			saved = true;
			writeCodeCache(cache.file, cache.key, script.createCachedData());
		}
	});
	return script;
}

const file = fileURLToPath(import.meta.url);
const program = compileProgram(file).runInThisContext() as Program;
await program(createRequire(file), pathToFileURL(file).href);
