import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {isAlive} from '../test/ui/helpers/tmux.js';

export const tmuxPath = '/usr/bin/tmux';

/** Blocks the benchmark's own thread (nothing else runs in it while it measures). */
export function sleepMs(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A value for a POSIX shell command line. */
export function shellQuote(value: string): string {
	return `'${value.replaceAll('\'', '\'\\\'\'')}'`;
}

/** Resident memory of a process in MB (VmRSS from /proc/PID/status). */
export function rssMb(pid: number): number {
	const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!match) {
		throw new Error(`no VmRSS for process ${pid}`);
	}

	return Number(match[1]) / 1024;
}

/**
A private tmux server for a benchmark: its own socket (`tmux -L`), its own config (nothing from the
user's, and panes stay after their command exits, so a fast command's output can still be read),
one pane of a fixed size. Everything is synchronous: the benchmark polls, nothing else runs.
`dispose` kills the server (and with it the pane's process) and removes socket and config.
*/
export class BenchTerminal {
	readonly socket = `azs-bench-${process.pid}-${randomBytes(4).toString('hex')}`;
	private readonly config: string;
	/** Where tmux puts the socket unless told otherwise (the server says for sure in `dispose`). */
	private socketPath = path.join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket);

	constructor(dir: string) {
		this.config = path.join(dir, `${this.socket}.conf`);
		writeFileSync(this.config, 'set -g remain-on-exit on\nset -g status off\n');
	}

	private tmux(args: string[]): string {
		const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color'};
		delete env.TMUX;
		return execFileSync(tmuxPath, ['-L', this.socket, '-f', this.config, ...args], {encoding: 'utf8', env, timeout: 10_000});
	}

	/** Starts the server with one pane of `columns`×`rows` running `command` (through the shell). */
	start(command: string, size = {columns: 80, rows: 24}): void {
		this.tmux(['new-session', '-d', '-s', 'main', '-x', String(size.columns), '-y', String(size.rows), command]);
	}

	/** The pane's text as a person sees it. */
	screen(): string {
		return this.tmux(['capture-pane', '-p', '-t', 'main']);
	}

	/** The PID of the pane's process. */
	panePid(): number {
		return Number(this.tmux(['list-panes', '-t', 'main', '-F', '#{pane_pid}']).trim());
	}

	/** Sends one key by its tmux name (Enter, Escape, Down) or, with `literal`, text as typed. */
	send(key: string, literal = false): void {
		this.tmux(['send-keys', '-t', 'main', ...(literal ? ['-l'] : []), key]);
	}

	/** Polls the screen every `pollMs` until it contains `text`; throws with the last screen after `timeoutMs`. */
	waitFor(text: string | RegExp, timeoutMs = 10_000, pollMs = 2): string {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			const screen = this.screen();
			if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) {
				return screen;
			}

			if (performance.now() > deadline) {
				throw new Error(`tmux: no ${String(text)} within ${timeoutMs} ms; screen:\n${screen}`);
			}

			sleepMs(pollMs);
		}
	}

	/** Kills the server and its pane's process (waits, bounded, for that process to go), removes socket and config. */
	dispose(): void {
		let pid: number | undefined;
		try {
			this.socketPath = this.tmux(['display-message', '-p', '-t', 'main', '#{socket_path}']).trim();
			pid = this.panePid();
			this.tmux(['kill-server']);
		} catch {
			// The server never started or is already gone.
		}

		const deadline = performance.now() + 5000;
		while (pid !== undefined && isAlive(pid) && performance.now() < deadline) {
			sleepMs(5);
		}

		if (pid !== undefined && isAlive(pid)) {
			process.kill(pid, 'SIGKILL');
		}

		rmSync(this.socketPath, {force: true});
		rmSync(this.config, {force: true});
	}
}

/** Whether the benchmarks in a real terminal can run here (tmux installed, a /proc file system). */
export function terminalBenchSkipped(): string | undefined {
	if (!existsSync(tmuxPath)) {
		return `${tmuxPath} not found`;
	}

	return existsSync('/proc/self/status') ? undefined : 'no /proc (VmRSS is read from /proc/PID/status)';
}
