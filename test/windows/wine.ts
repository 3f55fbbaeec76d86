import {spawnSync} from 'node:child_process';
import {closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
Wine runs the Windows kit's node.exe on this Linux machine. What this wrapper knows about Wine:
- Debian installs the 64-bit loader as /usr/lib/wine/wine64 (the `wine` wrapper package is optional);
- node.exe refuses Windows versions before 10, and a new prefix says Windows 7: `winecfg -v win10`;
- Wine cannot hand a Unix pipe to node.exe as its stdout, so every run writes to files;
- each prefix has its own wineserver, which outlives the programs: `wineserver -k` at the end.
Every call is bounded by a timeout.
*/
const loaderCandidates = ['/usr/lib/wine/wine64', '/usr/bin/wine64', '/usr/bin/wine'];
const serverCandidates = ['/usr/lib/wine/wineserver64', '/usr/bin/wineserver', '/usr/lib/wine/wineserver'];

export type WineRun = {code: number | null; stdout: string; stderr: string; timedOut: boolean};

/** The Wine loader, or undefined when Wine is not installed. */
export function wineLoader(): string | undefined {
	return loaderCandidates.find(candidate => existsSync(candidate));
}

/** The Windows path of a Unix path (Wine maps / to drive Z:). */
export function windowsPath(unixPath: string): string {
	return `Z:${path.resolve(unixPath).replaceAll('/', '\\')}`;
}

export class Wine {
	readonly prefix = mkdtempSync(path.join(os.tmpdir(), 'azs-wine-'));
	private readonly outDir = mkdtempSync(path.join(os.tmpdir(), 'azs-wine-out-'));
	private runs = 0;

	constructor(readonly loader: string) {}

	/** The environment every Wine process gets: its own prefix, no debug chatter, no Mono/Gecko installers. */
	env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {...process.env, WINEPREFIX: this.prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=', ...extra};
		delete env.DISPLAY;
		return env;
	}

	/** Creates the prefix and sets it to Windows 10. Throws (with Wine's words) when Wine cannot start. */
	setUp(timeoutMs = 240_000): void {
		for (const args of [['wineboot', '-i'], ['winecfg', '-v', 'win10']]) {
			const result = this.run(args[0]!, args.slice(1), {timeoutMs});
			if (result.code !== 0) {
				throw new Error(`wine ${args.join(' ')} failed (exit ${result.code}${result.timedOut ? ', timed out' : ''}): ${result.stderr.slice(-2000)}`);
			}
		}
	}

	/** Runs a Windows program (a Unix path to an .exe, or a name Wine finds) with output to files. */
	run(program: string, args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number} = {}): WineRun {
		const index = this.runs++;
		const stdoutFile = path.join(this.outDir, `${index}.out`);
		const stderrFile = path.join(this.outDir, `${index}.err`);
		const out = openSync(stdoutFile, 'w');
		const err = openSync(stderrFile, 'w');
		try {
			const result = spawnSync(this.loader, [program, ...args], {cwd: options.cwd, env: this.env(options.env), stdio: ['ignore', out, err], timeout: options.timeoutMs ?? 120_000, killSignal: 'SIGKILL'});
			return {code: result.status, stdout: readFileSync(stdoutFile, 'utf8'), stderr: readFileSync(stderrFile, 'utf8'), timedOut: result.error !== undefined || result.signal !== null};
		} finally {
			closeSync(out);
			closeSync(err);
		}
	}

	/** Runs a command line through cmd.exe (`cmd /c`), as a user types it in a console. */
	cmd(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number} = {}): WineRun {
		return this.run('cmd', ['/c', ...args], options);
	}

	/** Ends every process of this prefix (wineserver -k) and removes the prefix. */
	dispose(): void {
		const server = serverCandidates.find(candidate => existsSync(candidate));
		if (server) {
			spawnSync(server, ['-k'], {env: this.env(), stdio: 'ignore', timeout: 30_000});
			// -k returns before the server is gone; -w waits for it (bounded).
			spawnSync(server, ['-w'], {env: this.env(), stdio: 'ignore', timeout: 30_000});
		}

		rmSync(this.prefix, {recursive: true, force: true});
		rmSync(this.outDir, {recursive: true, force: true});
	}
}
