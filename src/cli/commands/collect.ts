import {jobFormat, type CollectJob} from '../../exchange/collect-job.js';
import {applyImport} from '../../exchange/apply-import.js';
import {requiredVantage} from '../../engine/place.js';
import {mapLimit} from '../../engine/map-limit.js';
import {locateStep, unknownStepText} from '../../engine/runbook-index.js';
import type {SessionController} from '../../engine/controller.js';
import {vantageNames, type VantageName} from '../../runbook/schema.js';
import {collectOverSsh, destinationProblem, type CollectHost, type HostOutcome} from '../../remote/ssh-collect.js';
import {remoteShells, type RemoteShell} from '../../remote/remote-command.js';
import {UsageError} from '../args.js';
import {runOptionsFrom, type CliContext} from '../context.js';
import {withInterrupt} from '../with-interrupt.js';
import {printImport} from './print-import.js';
import {withSession} from './with-session.js';

/** At most this many hosts are collected from at once. */
const hostConcurrency = 4;

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

/** The check steps a host of this vantage must run, narrowed by --phase or --step. */
function stepsFor(controller: SessionController, vantage: string, phaseId: string | undefined, stepId: string | undefined): string[] {
	const {runbook} = controller.loaded;
	if (stepId && !locateStep(runbook, stepId)) {
		throw new UsageError(unknownStepText(runbook, stepId));
	}

	if (phaseId && !runbook.phases.some(phase => phase.id === phaseId)) {
		throw new UsageError(`unknown phase "${phaseId}"; phases: ${runbook.phases.map(phase => phase.id).join(', ')}`);
	}

	return runbook.phases
		.filter(phase => !phaseId || phase.id === phaseId)
		.flatMap(phase => phase.steps)
		.filter(step => step.kind === 'check' && (!stepId || step.id === stepId) && requiredVantage(runbook, step.id) === vantage)
		.map(step => step.id);
}

/**
`collect --host VANTAGE=user@address …`: runs each host's steps there over OpenSSH and merges the
results into this session, labelled with the host's vantage. Hosts run in parallel; one host failing
never stops the others; Ctrl+C stops them all.
*/
export async function collectCommand(context: CliContext): Promise<number> {
	const hosts = parseHosts(context.args.host);
	const shell = context.args.remoteShell;
	if (shell !== undefined && !(remoteShells as readonly string[]).includes(shell)) {
		throw new UsageError(`--remote-shell must be one of ${remoteShells.join(', ')}, not "${shell}"`);
	}

	return withInterrupt(async signal => withSession(context, async controller => {
		const options = runOptionsFrom(context, signal);
		const inputs = Object.fromEntries(Object.entries(controller.session.inputs).map(([name, record]) => [name, record.value]));
		const planned = hosts.map(host => ({host, stepIds: stepsFor(controller, host.vantage, context.args.phase, context.args.step)}));
		for (const {host, stepIds} of planned) {
			context.err(stepIds.length > 0 ? `${host.vantage}: ${host.destination}: running ${stepIds.length} step(s) there…` : `${host.vantage}: no check step runs from ${host.vantage}${context.args.phase ? ` in ${context.args.phase}` : ''}; nothing to collect`);
		}

		const outcomes = await mapLimit(planned.filter(item => item.stepIds.length > 0), hostConcurrency, async ({host, stepIds}): Promise<HostOutcome> => {
			const job: CollectJob = {
				format: jobFormat,
				runbookId: controller.loaded.runbook.id,
				runbookHash: controller.loaded.hash,
				vantage: host.vantage,
				operator: context.operator,
				inputs,
				stepIds,
				extraCaPem: options.extraCaPem,
				timeoutMs: options.timeoutMs,
				...(options.dnsServersOverride ? {dnsServers: options.dnsServersOverride} : {}),
			};
			return collectOverSsh(host, job, {
				identityFile: context.args.identity,
				configFile: context.args.sshConfig,
				remoteTool: context.args.remoteTool ?? 'azs-runbook',
				remoteShell: shell as RemoteShell | undefined,
				connectTimeoutSeconds: 10,
				timeoutMs: 10 * 60_000,
				signal,
			});
		});

		let failures = 0;
		for (const outcome of outcomes) {
			const seconds = (outcome.durationMs / 1000).toFixed(1);
			if (!outcome.ok) {
				failures++;
				context.out(`✖ ${outcome.host.vantage} (${outcome.host.destination}): ${outcome.message} [${seconds} s]`);
				controller.dispatch({type: 'collect.finished', vantage: outcome.host.vantage, destination: outcome.host.destination, ok: false, message: outcome.message, accepted: 0, refused: 0});
				continue;
			}

			const imported = applyImport(controller, outcome.bundle, {via: 'ssh', source: outcome.host.destination});
			printImport(context, `${outcome.host.vantage} (${outcome.host.destination}, ${outcome.bundle.host.name}) [${seconds} s]`, imported);
			if (imported.refusedAll || imported.refused.length > 0) {
				failures++;
			}

			controller.dispatch({
				type: 'collect.finished',
				vantage: outcome.host.vantage,
				destination: outcome.host.destination,
				ok: !imported.refusedAll,
				...(imported.refusedAll ? {message: imported.refusedAll} : {}),
				accepted: imported.accepted.length,
				refused: imported.refused.length,
			});
		}

		if (signal.aborted) {
			context.out('stopped: hosts that finished are merged; run collect again for the rest');
			return 130;
		}

		const failedBlocking = outcomes.some(outcome => outcome.ok && outcome.bundle.results.some(item => item.result.status === 'fail' || item.result.status === 'error'));
		return failures > 0 || failedBlocking ? 1 : 0;
	}));
}
