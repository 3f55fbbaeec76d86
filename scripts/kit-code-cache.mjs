/*
The code cache a Linux kit ships beside its bundle (src/install/code-cache.ts): made by the kit's own
Node running the kit's own files up to the interactive screen's first frame, in an 80×24
pseudo-terminal (`script`, from util-linux), as an engineer's first start runs them. A first start
then reads it instead of compiling the 2 MB program; the state directory gets a cache of its own
only if V8 refuses the kit's (another V8 flag set, say).

Only where this machine can run the kit's Node: a Windows kit ships none (Wine cannot run Node 24),
and its first start compiles, writing the state directory's cache as any start without one does.
Where it cannot be made the kit is built without it, saying why: the kit works the same, its first
start is slower. It is the one file of a kit that differs between two builds (V8 writes the cache
anew each time); `npm run kit -- --no-code-cache` builds kits without it, byte for byte the same.
*/
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {setTimeout} from 'node:timers';

/** Bounds, generous for a loaded machine: the first frame takes well under a second. */
const firstFrameLimitMs = 60_000;
const exitLimitMs = 20_000;
/** What of the terminal's output an error quotes. */
const outputTailBytes = 2000;

const sleep = ms => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** Why no cache can be made here for `platform`'s kit, or undefined. */
export function kitCodeCacheUnavailable(platform) {
	if (platform !== `${process.platform}-${process.arch}`) {
		return `this machine (${process.platform}-${process.arch}) cannot run the ${platform} kit's Node`;
	}

	return spawnSync('script', ['--version'], {stdio: 'ignore'}).status === 0 ? undefined : 'no `script` (util-linux) to give the first start a terminal';
}

/** The last `outputTailBytes` of a stream's text, kept as it arrives. */
function tailOf(stream) {
	let text = '';
	stream.on('data', chunk => {
		text = `${text}${chunk}`.slice(-outputTailBytes);
	});
	// eslint-disable-next-line no-control-regex -- the terminal's colour and cursor codes are what it removes
	return () => text.replaceAll(/\u001B\[[0-9;?]*[A-Za-z]/g, '').trim();
}

/**
Runs `<kitDir>/node <kitDir>/azs-runbook.mjs` in a pseudo-terminal with a fresh state directory in
`scratch` until the cache file appears beside the bundle, then Ctrl+C. Returns the cache's name and
bytes; throws, saying what the terminal showed, when it did not come within the bounds.
*/
export async function makeKitCodeCache(kitDir, scratch) {
	const node = path.join(kitDir, 'node');
	const version = spawnSync(node, ['--version'], {encoding: 'utf8', env: {}});
	if (version.status !== 0) {
		throw new Error(`the kit's node does not run here (${version.error?.message ?? `exit ${version.status}: ${version.stderr.trim()}`})`);
	}

	const stateDir = path.join(scratch, 'code-cache-state');
	const pidFile = path.join(scratch, 'code-cache-node.pid');
	mkdirSync(stateDir, {recursive: true});
	const cacheFiles = () => readdirSync(kitDir).filter(name => name.endsWith('.v8cache'));
	// The paths reach the shell `script` starts as variables, never as command text. Its node is in
	// a session of its own (the terminal's): its PID is kept to end it if it does not quit.
	const command = 'stty cols 80 rows 24 2>/dev/null; echo $$ > "$AZS_KIT_PID_FILE"; exec "$AZS_KIT_NODE" "$AZS_KIT_BUNDLE" --state-dir "$AZS_KIT_STATE"';
	const child = spawn('script', ['-qec', command, '/dev/null'], {
		cwd: kitDir,
		stdio: ['pipe', 'pipe', 'pipe'],
		env: {
			PATH: process.env.PATH,
			TERM: 'xterm-256color',
			HOME: stateDir,
			AZS_KIT_NODE: node,
			AZS_KIT_BUNDLE: path.join(kitDir, 'azs-runbook.mjs'),
			AZS_KIT_STATE: stateDir,
			AZS_KIT_PID_FILE: pidFile,
			AZS_RUNBOOK_KIT_CODE_CACHE: 'write',
		},
	});
	const output = tailOf(child.stdout);
	const errors = tailOf(child.stderr);
	let failed;
	child.on('error', error => {
		failed = error;
	});
	// Ctrl+C written after the program ended: nothing to tell.
	child.stdin.on('error', () => undefined);
	let closed = false;
	const exited = new Promise(resolve => {
		child.on('close', () => {
			closed = true;
			resolve();
		});
		child.on('error', resolve);
	});
	const running = () => failed === undefined && child.exitCode === null && child.signalCode === null;
	try {
		const started = Date.now();
		while (cacheFiles().length === 0 && running() && Date.now() - started < firstFrameLimitMs) {
			await sleep(50);
		}

		// Written whole and renamed into place (writeCodeCache): once named, it is complete.
		const [name] = cacheFiles();
		if (!name) {
			const why = failed ? failed.message : running() ? `no code cache within ${firstFrameLimitMs} ms` : `it ended (exit ${child.exitCode ?? child.signalCode}) without one`;
			throw new Error(`the kit's first start wrote ${why}; its terminal showed: ${output() || '(nothing)'} ${errors()}`.trim());
		}

		child.stdin.end('\u0003');
		const done = await Promise.race([exited, sleep(exitLimitMs).then(() => 'timeout')]);
		if (done === 'timeout') {
			throw new Error(`the kit's first start did not quit on Ctrl+C within ${exitLimitMs} ms`);
		}

		return {name, data: readFileSync(path.join(kitDir, name))};
	} finally {
		// Only while it still runs: a PID that has ended may already be another process's.
		for (const pid of closed ? [] : [existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : Number.NaN, child.pid]) {
			try {
				if (Number.isInteger(pid) && pid > 0) {
					process.kill(pid, 'SIGKILL');
				}
			} catch {
				// Already gone.
			}
		}
	}
}
