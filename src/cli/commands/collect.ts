import path from 'node:path';
import {collectHosts, hostFailed, scopeProblem} from '../../exchange/collect-hosts.js';
import {vantageNames, type VantageName} from '../../runbook/schema.js';
import {destinationProblem, type CollectHost, type SshSettings} from '../../remote/ssh-collect.js';
import {ownKitDir, readKitDir, type KitDir} from '../../remote/kit-dir.js';
import {remoteShells, type RemoteShell} from '../../remote/remote-command.js';
import {UsageError} from '../args.js';
import {runOptionsFrom, type CliContext} from '../context.js';
import {withInterrupt} from '../with-interrupt.js';
import {printImport} from './print-import.js';
import {withSession} from './with-session.js';

export function parseHosts(specs: readonly string[]): CollectHost[] {
	if (specs.length === 0) {
		throw new UsageError('collect: name at least one host: --host hlh=user@address (vantages: dvm, hlh, workstation, public-vip)');
	}

	const seen = new Set<string>();
	return specs.map(spec => {
		const [vantage, destination] = [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)];
		if (!spec.includes('=') || !(vantageNames as readonly string[]).includes(vantage)) {
			throw new UsageError(`--host ${spec}: write VANTAGE=user@address, VANTAGE one of ${vantageNames.join(', ')}`);
		}

		const problem = destinationProblem(destination);
		if (problem) {
			throw new UsageError(`--host ${vantage}: ${problem}`);
		}

		if (seen.has(vantage)) {
			throw new UsageError(`--host ${vantage} is given twice: one host per vantage in one collection`);
		}

		seen.add(vantage);
		return {vantage: vantage as VantageName, destination};
	});
}

/**
`collect --host VANTAGE=user@address …`: runs each host's steps there over OpenSSH and merges the
results into this session, labelled with the host's vantage. Hosts run in parallel; one host failing
never stops the others; Ctrl+C stops them all.
*/
export async function collectCommand(context: CliContext): Promise<number> {
	const hosts = parseHosts(context.args.host);
	const ssh = sshSettingsFrom(context);

	return withInterrupt(async signal => withSession(context, async controller => {
		const scope = {phaseId: context.args.phase, stepId: context.args.step};
		const problem = scopeProblem(controller.loaded.runbook, scope);
		if (problem) {
			throw new UsageError(problem);
		}

		const options = runOptionsFrom(context, signal);
		const reports = await collectHosts(controller, {
			hosts,
			scope,
			operator: context.operator,
			options,
			ssh,
			signal,
			onProgress(progress) {
				if (progress.stage === 'running') {
					context.err(`${progress.host.vantage}: ${progress.host.destination}: running ${progress.steps} step(s) there…`);
				} else if (progress.stage === 'copying') {
					context.err(`${progress.host.vantage}: ${progress.host.destination}: no azs-runbook there; copying the kit (${ssh.kit?.dir ?? ''}) and checking its SHA-256 sums there…`);
				} else if (!progress.report.outcome && !signal.aborted) {
					context.err(`${progress.host.vantage}: no check or command step runs from ${progress.host.vantage}${scope.phaseId ? ` in ${scope.phaseId}` : ''}; nothing to collect`);
				}
			},
		});

		for (const {host, outcome, imported} of reports) {
			if (!outcome) {
				continue;
			}

			const seconds = (outcome.durationMs / 1000).toFixed(1);
			if (!outcome.ok) {
				context.out(`✖ ${host.vantage} (${host.destination}): ${outcome.message} [${seconds} s]`);
			} else if (imported) {
				printImport(context, `${host.vantage} (${host.destination}, ${outcome.bundle.host.name}) [${seconds} s]`, imported);
			}
		}

		if (signal.aborted) {
			context.out('stopped: hosts that finished are merged; run collect again for the rest');
			return 130;
		}

		return reports.some(report => hostFailed(report)) ? 1 : 0;
	}));
}

/** The kit to copy to a host without azs-runbook: --kit DIR, else the kit this program runs from (if it does). */
function kitFrom(context: CliContext): {kit?: KitDir} {
	const dir = context.args.kit ?? ownKitDir();
	if (!dir) {
		return {};
	}

	const read = readKitDir(path.resolve(dir));
	if (!read.ok) {
		throw new UsageError(`--kit: ${read.reason}`);
	}

	return {kit: read.kit};
}

/** The OpenSSH settings of this invocation: key, config, remote tool and its shell. */
export function sshSettingsFrom(context: CliContext): Omit<SshSettings, 'signal'> {
	const shell = context.args.remoteShell;
	if (shell !== undefined && !(remoteShells as readonly string[]).includes(shell)) {
		throw new UsageError(`--remote-shell must be one of ${remoteShells.join(', ')}, not "${shell}"`);
	}

	return {
		identityFile: context.args.identity,
		configFile: context.args.sshConfig,
		remoteTool: context.args.remoteTool ?? 'azs-runbook',
		remoteShell: shell as RemoteShell | undefined,
		connectTimeoutSeconds: 10,
		timeoutMs: 10 * 60_000,
		...kitFrom(context),
	};
}
