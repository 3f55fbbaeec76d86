import {parseBundle, maxBundleBytes, type ResultsBundle} from '../exchange/results-bundle.js';
import type {CollectJob} from '../exchange/collect-job.js';
import type {VantageName} from '../runbook/schema.js';
import {escapeControls} from '../text/escape-controls.js';
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
		return {kind: 'tool-missing', message: `azs-runbook was not found on ${destination} (${said}); copy the portable kit there and pass its launcher with --remote-tool PATH`};
	}

	if (exitCode === 255) {
		return {kind: 'unreachable', message: `ssh to ${destination} failed (${said || 'exit 255'})`};
	}

	return {kind: 'remote-refused', message: `the remote run on ${destination} ended with exit ${exitCode ?? '?'}${said ? `: ${said}` : ''}`};
}

/**
Runs one collect job on one host over OpenSSH: the system `ssh` through execa with an argument
array, batch mode (no password prompt), host keys always verified, the job on standard input and
the results bundle on standard output.
*/
export async function collectOverSsh(host: CollectHost, job: CollectJob, settings: SshSettings): Promise<HostOutcome> {
	const started = performance.now();
	const elapsed = () => Math.round(performance.now() - started);
	const refused = destinationProblem(host.destination);
	if (refused) {
		return {ok: false, host, kind: 'refused-destination', message: refused, durationMs: 0};
	}

	const command = remoteCommand(settings.remoteTool, ['results', 'run-job'], settings.remoteShell);
	if (!command.ok) {
		return {ok: false, host, kind: 'refused-destination', message: command.reason, durationMs: 0};
	}

	const argv = [
		'-T',
		'-o', 'BatchMode=yes',
		// Never accept an unknown or changed host key, whatever a config file says.
		'-o', 'StrictHostKeyChecking=yes',
		'-o', `ConnectTimeout=${settings.connectTimeoutSeconds}`,
		'-o', 'ServerAliveInterval=15',
		...(settings.configFile ? ['-F', settings.configFile] : []),
		...(settings.identityFile ? ['-i', settings.identityFile, '-o', 'IdentitiesOnly=yes'] : []),
		host.destination,
		command.command,
	];
	const {execa} = await import('execa');
	const outcome = await execa(settings.sshBinary ?? 'ssh', argv, {
		reject: false,
		input: JSON.stringify(job),
		timeout: settings.timeoutMs,
		cancelSignal: settings.signal,
		windowsHide: true,
		maxBuffer: maxBundleBytes,
		stripFinalNewline: true,
	});
	if (settings.signal.aborted) {
		return {ok: false, host, kind: 'cancelled', message: 'stopped by the operator', durationMs: elapsed()};
	}

	const stdout = typeof outcome.stdout === 'string' ? outcome.stdout : '';
	const stderr = typeof outcome.stderr === 'string' ? outcome.stderr : '';
	if (outcome.timedOut) {
		return {ok: false, host, kind: 'stopped', message: `the remote run on ${host.destination} did not finish within ${Math.round(settings.timeoutMs / 1000)} s`, durationMs: elapsed()};
	}

	if (outcome.exitCode === undefined && outcome.failed && !stderr) {
		return {ok: false, host, kind: 'unreachable', message: `ssh could not start: ${escapeControls(outcome.shortMessage ?? 'unknown error', 'line')}`, durationMs: elapsed()};
	}

	if (outcome.exitCode !== 0) {
		// Output began (so the connection and the tool worked) and then stopped; or ssh lost the remote
		// process without an exit status (killed): either way the run did not finish.
		if ((stdout.length > 0 && outcome.exitCode !== 127) || (outcome.exitCode === 255 && stderr.trim() === '')) {
			return {ok: false, host, kind: 'stopped', message: `the remote run on ${host.destination} stopped before it finished (exit ${outcome.exitCode}); nothing from it was kept`, durationMs: elapsed()};
		}

		const failure = classifySshFailure(outcome.exitCode, stderr, host.destination);
		return {ok: false, host, ...failure, durationMs: elapsed()};
	}

	const parsed = parseBundle(stdout);
	if (!parsed.ok) {
		return {ok: false, host, kind: 'bad-output', message: `${host.destination} answered, but not with results: ${parsed.reason}`, durationMs: elapsed()};
	}

	return {ok: true, host, bundle: parsed.bundle, durationMs: elapsed()};
}
