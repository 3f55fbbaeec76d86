import {parseBundle, maxBundleBytes, type ResultsBundle} from '../exchange/results-bundle.js';
import type {CollectJob} from '../exchange/collect-job.js';
import type {VantageName} from '../runbook/schema.js';
import {escapeControls} from '../text/escape-controls.js';
import type {KitDir} from './kit-dir.js';
import {placeKit, type RemoteTool} from './place-kit.js';
import {remoteCommand, type RemoteShell} from './remote-command.js';

/** One host to collect from: the vantage it proves and how OpenSSH reaches it (user@address or a config alias). */
export type CollectHost = {vantage: VantageName; destination: string};

export type SshSettings = {
	/** The ssh client; default `ssh` from PATH (Windows ships it in System32\OpenSSH). */
	sshBinary?: string;
	/** `-i FILE`: a private key; otherwise the agent and ~/.ssh/config decide. */
	identityFile?: string;
	/** `-F FILE`: another ssh config; otherwise the user's ~/.ssh/config is honoured. */
	configFile?: string;
	/** The azs-runbook on the remote host (a kit's launcher or an installed command). */
	remoteTool: string;
	remoteShell?: RemoteShell;
	/** Seconds to wait for the TCP connection and the SSH handshake. */
	connectTimeoutSeconds: number;
	/** The whole remote run, milliseconds. */
	timeoutMs: number;
	/** A portable kit to copy to a host that has no azs-runbook. */
	kit?: KitDir;
	/** scp, for copying the kit; default `scp` from PATH. */
	scpBinary?: string;
	/** Told when a host moves to a stage worth a progress line (copying the kit). */
	onStage?: (stage: string) => void;
	signal: AbortSignal;
};

export type HostFailureKind = 'refused-destination' | 'host-key' | 'auth' | 'unreachable' | 'tool-missing' | 'remote-refused' | 'stopped' | 'bad-output' | 'cancelled';

export type HostOutcome =
	| {ok: true; host: CollectHost; bundle: ResultsBundle; durationMs: number}
	| {ok: false; host: CollectHost; kind: HostFailureKind; message: string; durationMs: number};

/** A destination must be one word that ssh cannot read as an option. */
export function destinationProblem(destination: string): string | undefined {
	if (!/^[\w.@:%[\]-]+$/.test(destination) || destination.startsWith('-')) {
		return `"${escapeControls(destination, 'line')}" is not an SSH destination (user@address or a host alias from your ssh config)`;
	}

	return undefined;
}

function firstLines(text: string, count = 3): string {
	return escapeControls(text.trim().split(/\r?\n/).filter(Boolean).slice(-count).join(' / '), 'line').slice(0, 400);
}

/** What went wrong, from the ssh client's exit code and its last words. */
export function classifySshFailure(exitCode: number | undefined, stderr: string, destination: string): {kind: HostFailureKind; message: string} {
	const said = firstLines(stderr);
	if (/host key verification failed|remote host identification has changed|no .* host key is known/i.test(stderr)) {
		return {kind: 'host-key', message: `${destination}'s host key is not known or has changed (${said}); verify its fingerprint with the host's owner, then add it to known_hosts (run "ssh ${destination}" once and compare) — collect never accepts an unknown key`};
	}

	if (/permission denied|too many authentication failures|no supported authentication/i.test(stderr)) {
		return {kind: 'auth', message: `${destination} refused the key (${said}); load the right key into the agent or pass --identity FILE, and check the account's authorized_keys`};
	}

	if (/connection refused|no route to host|connection timed out|operation timed out|could not resolve hostname|network is unreachable|connection closed by|kex_exchange_identification/i.test(stderr)) {
		return {kind: 'unreachable', message: `cannot reach ${destination} over SSH (${said}); is OpenSSH Server running there and the port open from here?`};
	}

	if (exitCode === 127 || /command not found|not recognized as an internal or external command|no such file or directory|is not recognized as the name of a cmdlet/i.test(stderr)) {
		return {kind: 'tool-missing', message: `azs-runbook was not found on ${destination} (${said}); copy the portable kit there and pass its launcher with --remote-tool PATH, or let collect copy it: --kit DIR (an unpacked kit)`};
	}

	if (exitCode === 255) {
		return {kind: 'unreachable', message: `ssh to ${destination} failed (${said || 'exit 255'})`};
	}

	return {kind: 'remote-refused', message: `the remote run on ${destination} ended with exit ${exitCode ?? '?'}${said ? `: ${said}` : ''}`};
}

/** The client options every ssh and scp call uses: batch mode, host keys always verified, the operator's key and config. */
export function sshClientOptions(settings: Omit<SshSettings, 'remoteTool' | 'signal' | 'timeoutMs'>): string[] {
	return [
		'-o', 'BatchMode=yes',
		// Never accept an unknown or changed host key, whatever a config file says.
		'-o', 'StrictHostKeyChecking=yes',
		'-o', `ConnectTimeout=${settings.connectTimeoutSeconds}`,
		'-o', 'ServerAliveInterval=15',
		...(settings.configFile ? ['-F', settings.configFile] : []),
		...(settings.identityFile ? ['-i', settings.identityFile, '-o', 'IdentitiesOnly=yes'] : []),
	];
}

export type SshRun = {exitCode: number | undefined; stdout: string; stderr: string; timedOut: boolean; failed: boolean; shortMessage?: string};

/** Runs one command line on the host (argument array; the command is fixed words), `input` on its standard input. */
export async function runOverSsh(destination: string, command: string, settings: SshSettings, input = '', maxBuffer = maxBundleBytes): Promise<SshRun> {
	const {execa} = await import('execa');
	const outcome = await execa(settings.sshBinary ?? 'ssh', ['-T', ...sshClientOptions(settings), destination, command], {
		reject: false,
		input,
		timeout: settings.timeoutMs,
		cancelSignal: settings.signal,
		windowsHide: true,
		maxBuffer,
		stripFinalNewline: true,
	});
	return {
		exitCode: outcome.exitCode,
		stdout: typeof outcome.stdout === 'string' ? outcome.stdout : '',
		stderr: typeof outcome.stderr === 'string' ? outcome.stderr : '',
		timedOut: Boolean(outcome.timedOut),
		failed: outcome.failed,
		shortMessage: outcome.shortMessage,
	};
}

type Failure = {ok: false; kind: HostFailureKind; message: string};

/** What a finished ssh run says about the host, or undefined when it ran to the end with exit 0. */
export function sshFailure(run: SshRun, destination: string, settings: SshSettings): Failure | undefined {
	if (settings.signal.aborted) {
		return {ok: false, kind: 'cancelled', message: 'stopped by the operator'};
	}

	if (run.timedOut) {
		return {ok: false, kind: 'stopped', message: `the remote run on ${destination} did not finish within ${Math.round(settings.timeoutMs / 1000)} s`};
	}

	if (run.exitCode === undefined && run.failed && !run.stderr) {
		return {ok: false, kind: 'unreachable', message: `ssh could not start: ${escapeControls(run.shortMessage ?? 'unknown error', 'line')}`};
	}

	if (run.exitCode !== 0) {
		// Output began (so the connection and the tool worked) and then stopped; or ssh lost the remote
		// process without an exit status (killed): either way the run did not finish.
		if ((run.stdout.length > 0 && run.exitCode !== 127) || (run.exitCode === 255 && run.stderr.trim() === '')) {
			return {ok: false, kind: 'stopped', message: `the remote run on ${destination} stopped before it finished (exit ${run.exitCode}); nothing from it was kept`};
		}

		return {ok: false, ...classifySshFailure(run.exitCode, run.stderr, destination)};
	}

	return undefined;
}

/** Runs the job with one remote tool: its results bundle, or why there is none. */
async function runJob(host: CollectHost, job: CollectJob, settings: SshSettings, tool: RemoteTool): Promise<{ok: true; bundle: ResultsBundle} | Failure> {
	const command = remoteCommand(tool.path, [...tool.args, 'results', 'run-job'], tool.shell ?? settings.remoteShell);
	if (!command.ok) {
		return {ok: false, kind: 'refused-destination', message: command.reason};
	}

	const run = await runOverSsh(host.destination, command.command, settings, JSON.stringify(job));
	const failed = sshFailure(run, host.destination, settings);
	if (failed) {
		return failed;
	}

	const parsed = parseBundle(run.stdout);
	if (!parsed.ok) {
		return {ok: false, kind: 'bad-output', message: `${host.destination} answered, but not with results: ${parsed.reason}`};
	}

	return {ok: true, bundle: parsed.bundle};
}

/**
Runs one collect job on one host over OpenSSH: the system `ssh` through execa with an argument
array, batch mode (no password prompt), host keys always verified, the job on standard input and
the results bundle on standard output. When the host has no azs-runbook and a kit is given, the
kit is copied there (scp, same checks) and run from the copy.
*/
export async function collectOverSsh(host: CollectHost, job: CollectJob, settings: SshSettings): Promise<HostOutcome> {
	const started = performance.now();
	const elapsed = () => Math.round(performance.now() - started);
	const refused = destinationProblem(host.destination);
	if (refused) {
		return {ok: false, host, kind: 'refused-destination', message: refused, durationMs: 0};
	}

	let outcome = await runJob(host, job, settings, {path: settings.remoteTool, args: []});
	if (!outcome.ok && outcome.kind === 'tool-missing' && settings.kit) {
		const placed = await placeKit(host.destination, settings.kit, settings);
		outcome = placed.ok ? await runJob(host, job, settings, placed.tool) : placed;
	}

	return outcome.ok ? {ok: true, host, bundle: outcome.bundle, durationMs: elapsed()} : {...outcome, host, durationMs: elapsed()};
}
