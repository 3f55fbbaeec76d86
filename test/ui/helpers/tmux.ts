import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {readFileSync, rmSync} from 'node:fs';

const pollMs = 20;

/** The environment the terminal gets: no CI marker (Ink renders only a last frame under CI). */
function terminalEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color'};
	delete env.CI;
	delete env.TMUX;
	return env;
}

/**
A private tmux server (its own socket via `tmux -L`), one 80×24 pane running a command. Keys go
one at a time, each waiting (bounded) until the screen changes; `dispose` kills the server and
removes its socket.
*/
export class TmuxTerminal {
	readonly socket = `azs-ui-${process.pid}-${randomBytes(4).toString('hex')}`;
	private socketPath: string | undefined;

	private tmux(args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8', env: terminalEnv(), timeout: 10_000});
	}

	/** Starts the server with one pane running `command` (kept visible after it exits). */
	start(command: string, size = {columns: 80, rows: 24}): void {
		this.tmux(['-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', String(size.columns), '-y', String(size.rows), command]);
		this.tmux(['set-option', '-t', 'main', 'remain-on-exit', 'on']);
		this.socketPath = this.tmux(['display-message', '-p', '-t', 'main', '#{socket_path}']).trim();
	}

	/** Runs `command` again in the same pane (after it exited or was killed). */
	respawn(command: string): void {
		this.tmux(['respawn-pane', '-k', '-t', 'main', command]);
	}

	/** The pane's text as a person sees it. */
	screen(): string {
		return this.tmux(['capture-pane', '-p', '-t', 'main']);
	}

	/** The PID of the pane's process (the command runs under `exec`, so it is node itself). */
	pid(): number {
		return Number(this.tmux(['display-message', '-p', '-t', 'main', '#{pane_pid}']).trim());
	}

	/** Waits (bounded) until tmux reports the pane's process dead. */
	async waitForExit(timeoutMs = 5000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (this.tmux(['display-message', '-p', '-t', 'main', '#{pane_dead}']).trim() !== '1') {
			if (Date.now() > deadline) {
				throw new Error(`tmux: the pane's process did not exit within ${timeoutMs} ms`);
			}

			await new Promise(resolve => setTimeout(resolve, pollMs));
		}
	}

	/** Polls the screen until `predicate` holds; throws with the last screen after `timeoutMs`. */
	async waitFor(predicate: string | RegExp | ((screen: string) => boolean), timeoutMs = 10_000): Promise<string> {
		const test = typeof predicate === 'function' ? predicate : (screen: string) => (typeof predicate === 'string' ? screen.includes(predicate) : predicate.test(screen));
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const screen = this.screen();
			if (test(screen)) {
				return screen;
			}

			if (Date.now() > deadline) {
				throw new Error(`tmux: timed out after ${timeoutMs} ms; screen:\n${screen}`);
			}

			await new Promise(resolve => setTimeout(resolve, pollMs));
		}
	}

	/** Sends one key by its tmux name (Enter, Escape, Down, C-u) and waits until the screen changes. */
	async key(name: string, timeoutMs = 10_000): Promise<string> {
		const before = this.screen();
		this.tmux(['send-keys', '-t', 'main', name]);
		return this.waitFor(screen => screen !== before, timeoutMs);
	}

	/**
	Types text literally, one character at a time, waiting for each to show. A space at the end of a
	field changes nothing a capture shows (trailing blanks are trimmed); the next key's wait covers it.
	*/
	async type(text: string): Promise<string> {
		let screen = this.screen();
		for (const char of text) {
			const before = screen;
			this.tmux(['send-keys', '-t', 'main', '-l', char]);
			if (char !== ' ') {
				screen = await this.waitFor(current => current !== before);
			}
		}

		return screen;
	}

	/** Kills the server and removes its socket file. */
	dispose(): void {
		try {
			this.tmux(['kill-server']);
		} catch {
			// Already gone (every pane exited and remain-on-exit was not set yet).
		}

		if (this.socketPath) {
			rmSync(this.socketPath, {force: true});
		}
	}
}

/** Whether a process is still alive; a zombie (dead, not yet reaped by tmux) is not. */
export function isAlive(pid: number): boolean {
	try {
		const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
		return state !== undefined && state !== 'Z';
	} catch {
		return false;
	}
}
