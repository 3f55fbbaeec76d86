import type {SessionController} from '../engine/controller.js';
import {mapLimit} from '../engine/map-limit.js';
import {requiredVantage} from '../engine/place.js';
import type {RunOptions} from '../engine/run-options.js';
import {locateStep, unknownStepText} from '../engine/runbook-index.js';
import type {Runbook} from '../runbook/schema.js';
import {collectOverSsh, type CollectHost, type HostOutcome, type SshSettings} from '../remote/ssh-collect.js';
import {applyImport, type ImportOutcome} from './apply-import.js';
import {jobFormat, type CollectJob} from './collect-job.js';

/** At most this many hosts are collected from at once. */
export const hostConcurrency = 4;

/** Narrows a collection to one phase or one step; neither means every step of the host's vantage. */
export type CollectScope = {phaseId?: string; stepId?: string};

/** Why a scope cannot be collected (an unknown phase or step), or undefined when it can. */
export function scopeProblem(runbook: Runbook, scope: CollectScope): string | undefined {
	if (scope.stepId && !locateStep(runbook, scope.stepId)) {
		return unknownStepText(runbook, scope.stepId);
	}

	if (scope.phaseId && !runbook.phases.some(phase => phase.id === scope.phaseId)) {
		return `unknown phase "${scope.phaseId}"; phases: ${runbook.phases.map(phase => phase.id).join(', ')}`;
	}

	return undefined;
}

/** The steps a host of this vantage runs there: the check and command steps whose required vantage it is. */
export function collectStepIds(runbook: Runbook, vantage: string, scope: CollectScope = {}): string[] {
	return runbook.phases
		.filter(phase => !scope.phaseId || phase.id === scope.phaseId)
		.flatMap(phase => phase.steps)
		.filter(step => (step.kind === 'check' || step.kind === 'command') && (!scope.stepId || step.id === scope.stepId) && requiredVantage(runbook, step.id) === vantage)
		.map(step => step.id);
}

/** What happens to one host while a collection runs, for a progress line. */
export type HostProgress =
	| {host: CollectHost; stage: 'running'; steps: number}
	| {host: CollectHost; stage: 'copying'; steps: number}
	| {host: CollectHost; stage: 'finished'; report: HostReport};

/** One host's collection: what ssh brought, and what the session took of it. */
export type HostReport = {
	host: CollectHost;
	stepIds: string[];
	/** Undefined when the vantage has no step to run there (nothing was started). */
	outcome?: HostOutcome;
	/** Set when results came back and were merged (or refused as a whole). */
	imported?: ImportOutcome;
};

export type CollectRun = {
	hosts: readonly CollectHost[];
	scope: CollectScope;
	operator: string;
	/** The run options of this session: trust, resolver override and probe timeout travel with the job. */
	options: Pick<RunOptions, 'extraCaPem' | 'timeoutMs' | 'dnsServersOverride'>;
	ssh: Omit<SshSettings, 'signal'>;
	signal: AbortSignal;
	onProgress?: (progress: HostProgress) => void;
};

function jobFor(controller: SessionController, run: CollectRun, host: CollectHost, stepIds: string[]): CollectJob {
	const inputs = Object.fromEntries(Object.entries(controller.session.inputs).map(([name, record]) => [name, record.value]));
	return {
		format: jobFormat,
		runbookId: controller.loaded.runbook.id,
		runbookHash: controller.loaded.hash,
		vantage: host.vantage,
		operator: run.operator,
		inputs,
		stepIds,
		extraCaPem: run.options.extraCaPem,
		timeoutMs: run.options.timeoutMs,
		...(run.options.dnsServersOverride ? {dnsServers: run.options.dnsServersOverride} : {}),
	};
}

/** Merges what one host brought (or records why it brought nothing), journalled as `collect.finished`. */
function mergeHost(controller: SessionController, host: CollectHost, outcome: HostOutcome): ImportOutcome | undefined {
	if (!outcome.ok) {
		controller.dispatch({type: 'collect.finished', vantage: host.vantage, destination: host.destination, ok: false, message: outcome.message, accepted: 0, refused: 0});
		return undefined;
	}

	const imported = applyImport(controller, outcome.bundle, {via: 'ssh', source: host.destination});
	controller.dispatch({
		type: 'collect.finished',
		vantage: host.vantage,
		destination: host.destination,
		ok: !imported.refusedAll,
		...(imported.refusedAll ? {message: imported.refusedAll} : {}),
		accepted: imported.accepted.length + imported.acceptedCommands.length,
		refused: imported.refused.length,
	});
	return imported;
}

/**
Collects from every host in parallel (bounded) and merges each host's results into the session as
soon as that host finishes, so a collection stopped half-way keeps the hosts that finished. One
host failing never stops the others. Shared by the `collect` command and the TUI's Collect screen.
*/
export async function collectHosts(controller: SessionController, run: CollectRun): Promise<HostReport[]> {
	const planned = run.hosts.map(host => ({host, stepIds: collectStepIds(controller.loaded.runbook, host.vantage, run.scope)}));
	return mapLimit(planned, hostConcurrency, async ({host, stepIds}): Promise<HostReport> => {
		if (stepIds.length === 0 || run.signal.aborted) {
			const report = {host, stepIds};
			run.onProgress?.({host, stage: 'finished', report});
			return report;
		}

		run.onProgress?.({host, stage: 'running', steps: stepIds.length});
		const onStage = () => run.onProgress?.({host, stage: 'copying', steps: stepIds.length});
		const outcome = await collectOverSsh(host, jobFor(controller, run, host, stepIds), {...run.ssh, signal: run.signal, onStage});
		const imported = mergeHost(controller, host, outcome);
		const report = {host, stepIds, outcome, ...(imported ? {imported} : {})};
		run.onProgress?.({host, stage: 'finished', report});
		return report;
	});
}

/** Whether a host's collection should make the command fail: the host failed, something was refused, or a blocking result failed. */
export function hostFailed(report: HostReport): boolean {
	if (!report.outcome) {
		return false;
	}

	if (!report.outcome.ok || !report.imported || report.imported.refusedAll || report.imported.refused.length > 0) {
		return true;
	}

	return report.outcome.bundle.results.some(item => item.result.status === 'fail' || item.result.status === 'error')
		|| report.imported.acceptedCommands.some(item => item.state !== 'passed');
}
