#!/usr/bin/env node
import {createRequire} from 'node:module';
import {fileURLToPath, pathToFileURL} from 'node:url';
import vm from 'node:vm';
import {findCodeCache, writeCodeCache} from './code-cache.js';
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
Set only while scripts/kit.mjs builds a kit: this start compiles afresh and its first frame writes
the cache the kit ships beside its bundle, not the state directory's.
*/
const kitCacheBuild = process.env.AZS_RUNBOOK_KIT_CODE_CACHE === 'write';

/**
The state directory, or undefined when there is none: without --state-dir the default needs the
home directory, which a service account without a profile may not have, and arguments that do not
parse name none (the program then reports them). The start then has no cache of its own.
*/
function stateDir(): string | undefined {
	try {
		return stateDirFromArgv(process.argv.slice(2));
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
	const {source, stored, lineOffset, stats} = programText(file);
	const {data, target} = findCodeCache({file, stored, stats}, stateDir(), kitCacheBuild);
	const script = new vm.Script(source, {filename: file, lineOffset, cachedData: data, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER});
	// Once per process, and only when no cache was usable (a new build, another Node, a kit's refused).
	let saved = target === undefined || (data !== undefined && script.cachedDataRejected !== true);
	installCodeCacheWriter(() => {
		if (!saved && target) {
			saved = true;
			writeCodeCache(target.file, target.key, script.createCachedData());
		}
	});
	return script;
}

const file = fileURLToPath(import.meta.url);
const program = compileProgram(file).runInThisContext() as Program;
await program(createRequire(file), pathToFileURL(file).href);
