/*
The code cache a Linux kit ships beside its bundle (src/install/code-cache.ts): made by the kit's own
Node running the kit's own files up to the interactive screen's first frame, in a pseudo-terminal
(`script`, from util-linux), exactly as an engineer's first start runs them. A first start then
reads it instead of compiling the 2 MB program; the state directory gets a cache of its own only if
V8 refuses the kit's (another V8 flag set, say).

Only where this machine can run the kit's Node: a Windows kit ships none (Wine cannot run Node 24),
and its first start compiles, writing the state directory's cache as any start without one does.
*/
import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {setTimeout} from 'node:timers';

/** Bounds, generous for a loaded machine: the first frame takes well under a second. */
const firstFrameLimitMs = 60_000;
const exitLimitMs = 20_000;

const sleep = ms => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** Why no cache can be made here, or undefined. */
export function kitCodeCacheUnavailable(platform) {
	if (platform !== `${process.platform}-${process.arch}`) {
		return `this machine (${process.platform}-${process.arch}) cannot run the ${platform} kit's Node`;
	}

	return spawnSync('script', ['--version'], {stdio: 'ignore'}).status === 0 ? undefined : 'no `script` (util-linux) to give the first start a terminal';
}

/**
Runs `<kitDir>/node <kitDir>/azs-runbook.mjs` in a pseudo-terminal with a fresh state directory in
`scratch` until the cache file appears beside the bundle, then Ctrl+C. Returns the cache's bytes;
throws when it did not come within the bounds.
*/
export async function makeKitCodeCache(kitDir, scratch) {
	const stateDir = path.join(scratch, 'code-cache-state');
	mkdirSync(stateDir, {recursive: true});
	const cacheFiles = () => readdirSync(kitDir).filter(name => name.endsWith('.v8cache'));
	// The paths reach the shell `script` starts as variables, never as command text.
	const child = spawn('script', ['-qec', 'exec "$AZS_KIT_NODE" "$AZS_KIT_BUNDLE" --state-dir "$AZS_KIT_STATE"', '/dev/null'], {
		cwd: kitDir,
		stdio: ['pipe', 'ignore', 'pipe'],
		env: {
			PATH: process.env.PATH,
			TERM: 'xterm-256color',
			COLUMNS: '100',
			LINES: '30',
			HOME: stateDir,
			AZS_KIT_NODE: path.join(kitDir, 'node'),
			AZS_KIT_BUNDLE: path.join(kitDir, 'azs-runbook.mjs'),
			AZS_KIT_STATE: stateDir,
			AZS_RUNBOOK_KIT_CODE_CACHE: 'write',
		},
	});
	let stderr = '';
	child.stderr.on('data', chunk => {
		stderr += chunk;
	});
	const exited = new Promise(resolve => {
		child.on('close', resolve);
		child.on('error', resolve);
	});
	try {
		const started = Date.now();
		while (cacheFiles().length === 0 && child.exitCode === null && Date.now() - started < firstFrameLimitMs) {
			await sleep(50);
		}

		// Written whole and renamed into place (writeCodeCache): once named, it is complete.
		const [name] = cacheFiles();
		if (!name) {
			throw new Error(`the kit's first start wrote no code cache within ${firstFrameLimitMs} ms${stderr ? `: ${stderr.slice(0, 2000)}` : ''}`);
		}

		child.stdin.end('\u0003');
		const done = await Promise.race([exited, sleep(exitLimitMs).then(() => 'timeout')]);
		if (done === 'timeout') {
			throw new Error(`the kit's first start did not quit on Ctrl+C within ${exitLimitMs} ms`);
		}

		return {name, data: readFileSync(path.join(kitDir, name))};
	} finally {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
		}
	}
}
