import {copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {escapeControls} from '../text/escape-controls.js';
import type {KitDir, KitFile} from './kit-dir.js';
import type {RemoteShell} from './remote-command.js';
import {runOverSsh, sshClientOptions, sshFailure, type HostFailureKind, type SshSettings} from './ssh-collect.js';

/*
Puts the portable kit on a host that has no azs-runbook: finds out which shell the host's OpenSSH
runs (sh, cmd.exe or PowerShell) and whether it has Node.js 20 or newer; copies the bundle and the
step files (and the kit's runtime when the host has none) with scp into a folder of the user's home
named after the kit's content; checks every copied file's SHA-256 there against the kit's
SHA256SUMS; and only then runs it. A folder that already holds the same files is used as it is.
Every command line sent is built from fixed words and the kit's own plain file names.
*/

/** How to start azs-runbook on the host: a program and its first arguments (plain words). */
export type RemoteTool = {path: string; args: string[]; shell?: RemoteShell};

type Failure = {ok: false; kind: HostFailureKind; message: string};

export type Placed = {ok: true; tool: RemoteTool; copied: boolean} | Failure;

/** The folder in the remote user's home: one per kit content, so versions never mix. */
export function remoteKitFolder(kit: KitDir): string {
	return `.azs-runbook-kit-${kit.id}`;
}

/** Which shell runs commands there, from how it expands `%OS%` and `$env:OS` (cmd.exe and PowerShell know Windows_NT). */
export function shellFromProbe(output: string): RemoteShell {
	const lines = output.split(/\r?\n/).map(line => line.trim()).filter(Boolean);
	if (lines.some(line => line.startsWith('azs-probe Windows_NT'))) {
		return 'cmd';
	}

	return lines.includes('Windows_NT') ? 'powershell' : 'posix';
}

/** The major version `node --version` printed, if it printed one. */
export function nodeMajor(output: string): number | undefined {
	const match = /^v(\d+)\./m.exec(output.trim());
	return match ? Number(match[1]) : undefined;
}

/** The command that prints "<sha256>  <name>" for each file in the folder, in this shell. */
export function hashCommand(shell: RemoteShell, folder: string, names: readonly string[]): string {
	if (shell === 'posix') {
		const list = names.join(' ');
		return `cd ${folder} && { sha256sum -- ${list} 2>/dev/null || shasum -a 256 -- ${list}; }`;
	}

	const quoted = names.map(name => `'${name}'`).join(',');
	const script = `foreach ($f in ${quoted}) { (Get-FileHash -Algorithm SHA256 -LiteralPath (Join-Path '${folder}' $f)).Hash.ToLower() + '  ' + $f }`;
	return shell === 'powershell' ? script : `powershell -NoProfile -NonInteractive -Command "${script}"`;
}

/** The files whose SHA-256 on the host is not the kit's (missing ones included). */
export function mismatched(output: string, files: readonly KitFile[]): KitFile[] {
	const seen = new Map<string, string>();
	for (const line of output.split(/\r?\n/)) {
		const match = /^([\da-fA-F]{64}) [ *]?(.+)$/.exec(line.trim());
		if (match) {
			seen.set(match[2]!.trim().replaceAll('\\', '/'), match[1]!.toLowerCase());
		}
	}

	return files.filter(file => seen.get(file.name) !== file.sha256);
}

/** The kit's files in a local folder named like the remote one (links where the OS allows, else copies), for one `scp -r`. */
function stage(kit: KitDir, files: readonly KitFile[], folder: string): {dir: string; remove: () => void} {
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'azs-kit-copy-'));
	const root = path.join(scratch, folder);
	for (const file of files) {
		const source = path.join(kit.dir, ...file.name.split('/'));
		const target = path.join(root, ...file.name.split('/'));
		mkdirSync(path.dirname(target), {recursive: true});
		try {
			// scp follows links: nothing is duplicated here for the 100 MB runtime.
			symlinkSync(path.resolve(source), target);
		} catch {
			copyFileSync(source, target);
		}
	}

	return {dir: root, remove: () => rmSync(scratch, {recursive: true, force: true})};
}

async function scpFolder(local: string, destination: string, settings: SshSettings): Promise<{ok: true} | Failure> {
	const {execa} = await import('execa');
	// -p keeps the runtime's execute bit; the target is the remote user's home ("."), where scp -r merges into the folder.
	const outcome = await execa(settings.scpBinary ?? 'scp', ['-q', '-r', '-p', ...sshClientOptions(settings), local, `${destination}:.`], {
		reject: false,
		stdin: 'ignore',
		timeout: settings.timeoutMs,
		cancelSignal: settings.signal,
		windowsHide: true,
	});
	const failed = sshFailure({
		exitCode: outcome.exitCode,
		stdout: '',
		stderr: typeof outcome.stderr === 'string' ? outcome.stderr : '',
		timedOut: Boolean(outcome.timedOut),
		failed: outcome.failed,
		shortMessage: outcome.shortMessage,
	}, destination, settings);
	// scp speaks SFTP: a server without the sftp subsystem closes the connection at once.
	const hint = failed?.kind === 'unreachable' ? ' (scp needs the SFTP subsystem: "Subsystem sftp" in the host\'s sshd_config)' : '';
	return failed ? {...failed, message: `copying the kit to ${destination} failed: ${failed.message}${hint}`} : {ok: true};
}

/** Runs a probe; its standard output, or why the host could not run it. */
async function probe(destination: string, command: string, settings: SshSettings): Promise<{ok: true; stdout: string; exitCode: number | undefined} | Failure> {
	const run = await runOverSsh(destination, command, settings, '', 1024 * 1024);
	if (run.exitCode === 255 || settings.signal.aborted || run.timedOut) {
		return sshFailure(run, destination, settings) ?? {ok: false, kind: 'unreachable', message: `ssh to ${destination} failed`};
	}

	return {ok: true, stdout: run.stdout, exitCode: run.exitCode};
}

/** Copies (or finds) the kit on the host and says how to run it there. */
export async function placeKit(destination: string, kit: KitDir, settings: SshSettings): Promise<Placed> {
	let shell = settings.remoteShell;
	if (!shell) {
		const probed = await probe(destination, 'echo azs-probe %OS% $env:OS', settings);
		if (!probed.ok) {
			return probed;
		}

		shell = shellFromProbe(probed.stdout);
	}

	const windows = shell !== 'posix';
	const node = await probe(destination, 'node --version', settings);
	if (!node.ok) {
		return node;
	}

	const folder = remoteKitFolder(kit);
	const hasNode = node.exitCode === 0 && (nodeMajor(node.stdout) ?? 0) >= 20;
	const runtime = hasNode ? undefined : kit.runtime;
	if (!hasNode && runtime?.platform !== (windows ? 'windows' : 'posix')) {
		return {
			ok: false,
			kind: 'tool-missing',
			message: `${destination} has neither azs-runbook nor Node.js 20 or newer, and the kit carries no runtime for ${windows ? 'Windows' : 'Linux'}: pass --kit DIR of the ${windows ? 'win-x64' : 'linux-x64'} kit`,
		};
	}

	const files = [...kit.program, ...(runtime ? [runtime] : [])];
	const check = async () => {
		const hashed = await probe(destination, hashCommand(shell, folder, files.map(file => file.name)), settings);
		return hashed.ok ? {ok: true as const, wrong: mismatched(hashed.stdout, files)} : hashed;
	};

	let verified = await check();
	if (!verified.ok) {
		return verified;
	}

	const copied = verified.wrong.length > 0;
	if (copied) {
		settings.onStage?.('copying the kit');
		const staged = stage(kit, files, folder);
		try {
			const sent = await scpFolder(staged.dir, destination, settings);
			if (!sent.ok) {
				return sent;
			}
		} finally {
			staged.remove();
		}

		verified = await check();
		if (!verified.ok) {
			return verified;
		}

		if (verified.wrong.length > 0) {
			const names = verified.wrong.map(file => file.name).slice(0, 3).join(', ');
			return {ok: false, kind: 'remote-refused', message: `the kit copied to ${destination}:${folder} does not match its SHA256SUMS (${escapeControls(names, 'line')}); nothing was run there`};
		}
	}

	const separator = windows ? '\\' : '/';
	const bundle = `${folder}${separator}azs-runbook.mjs`;
	const tool = runtime ? `.${separator}${folder}${separator}${runtime.name}` : 'node';
	return {ok: true, copied, tool: {path: tool, args: [bundle], shell}};
}
