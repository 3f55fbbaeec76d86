import {mkdirSync} from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import {parseCliArgs} from '../cli/args.js';
import {defaultStateDir} from '../store/state-dir.js';

/*
Node's on-disk compile cache (module.enableCompileCache, Node 22.1 and later) keeps V8's compiled
code between runs, in the state directory's cache folder. It applies to modules loaded after it is
enabled, and the bundle is one module that is already loading when its first line runs. So the
bundle enables the cache and then imports itself once more (the same file, `?cached`): that second
instance, the one that runs the program, is compiled from the cache from the second start on.
Source and tsc output (many small modules) and Node 20 run directly.
*/
const cachedMark = 'cached';

type CompileCacheApi = {enableCompileCache?: (dir: string) => {status: number}; constants?: {compileCacheStatus?: {FAILED: number; DISABLED: number}}};

/** The state directory for these arguments (a bad argument list falls back to the default). */
function stateDirFor(argv: string[]): string {
	let stateDir: string | undefined;
	try {
		stateDir = parseCliArgs(argv).stateDir;
	} catch {
		// Bad arguments: the program reports them; the cache goes to the default place meanwhile.
	}

	return stateDir ? path.resolve(stateDir) : defaultStateDir();
}

/** The compile cache folder for these arguments: `<state dir>/cache/v8`. */
export function compileCacheDir(argv: string[]): string {
	return path.join(stateDirFor(argv), 'cache', 'v8');
}

/**
In the bundle, on a Node with a compile cache: enables it and runs the program from a second,
cached instance of this file; returns true when that instance ran. Otherwise returns false and the
caller runs the program itself.
*/
export async function runFromCompileCache(moduleUrl: string, argv: string[]): Promise<boolean> {
	const url = new URL(moduleUrl);
	const api = module as unknown as CompileCacheApi;
	if (!url.pathname.endsWith('.mjs') || url.search === `?${cachedMark}` || typeof api.enableCompileCache !== 'function' || process.env.AZS_NO_COMPILE_CACHE === '1') {
		return false;
	}

	let status: number;
	try {
		// Created here as the session store creates it (owner only), never left to Node's default mode.
		mkdirSync(stateDirFor(argv), {recursive: true, mode: 0o700});
		status = api.enableCompileCache(compileCacheDir(argv)).status;
	} catch {
		return false;
	}

	const statuses = api.constants?.compileCacheStatus;
	if (statuses && (status === statuses.FAILED || status === statuses.DISABLED)) {
		return false;
	}

	url.search = cachedMark;
	await import(url.href);
	return true;
}
