import type {CheckResult} from '../checks/types.js';
import {recurringStanding} from '../engine/recurring.js';
import {isPhaseSealed, isSatisfied, phaseBlockers, phaseGate} from '../engine/gating.js';
import {inputSteps} from '../engine/runbook-index.js';
import type {CommandResult, Session, StepRecord} from '../engine/state.js';
import {statusView} from '../engine/status.js';
import type {LoadedRunbook} from '../runbook/load-runbook.js';
import {applicability, sessionStep} from '../engine/applicability.js';
import type {Phase, Runbook, Step} from '../runbook/schema.js';
import {citedSources, formatSource} from '../runbook/sources.js';
import type {JournalEntry} from '../store/journal.js';
import {headline} from './describe-step.js';
import {recordPassed} from './evidence-rows.js';
import {ownerLabels, ownerOf} from './owners.js';
import {reportVersion, type Report, type ReportCheck, type ReportCommand, type ReportStep} from './report-types.js';

/** The journal as the report needs it: the verified entries, and the first problem if any. */
export type ReportJournal = {entries: readonly JournalEntry[]; problem?: {line: number; message: string}};

export type BuildReportOptions = {
	/** ISO time the report is made; inject a fixed one for reproducible output. */
	generatedAt?: string;
	/** The azs-runbook version that made it. */
	version?: string;
	/** Journal entries ahead of the saved state that were replayed to make `session`. */
	pendingEntries?: number;
};

/**
Builds the report model of a session: per phase, every step with its state, result, evidence,
vantage and endpoint list; overrides, stale results, blockers with who must act, inputs, and where
results were measured. Pure: the same inputs give the same report.
*/
export function buildReport(loaded: Pick<LoadedRunbook, 'runbook'>, session: Session, journal: ReportJournal, options: BuildReportOptions = {}): Report {
	const {runbook} = loaded;
	const view = statusView(runbook, session);
	const skips = lastSkips(journal.entries);
	const titles = new Map(runbook.phases.flatMap(phase => phase.steps.map(step => [step.id, sessionStep(session, step).title] as const)));
	const title = (stepId: string) => titles.get(stepId) ?? stepId;

	const phases = runbook.phases.map((phase, index) => {
		const status = view.phases[index]!;
		return {
			id: phase.id,
			title: phase.title,
			status: status.word,
			current: status.current,
			...(status.lockReason ? {lockReason: status.lockReason} : {}),
			counts: status.counts,
			steps: phase.steps.map(step => ({
				...reportStep(sessionStep(session, step), session.steps[step.id], skips.get(step.id)),
				...stepContext(runbook, session, phase, step),
			})),
		};
	});

	const lockedIndex = runbook.phases.findIndex((_, index) => !phaseGate(runbook, session, index).open);
	const lockedPhase = lockedIndex === -1 ? undefined : view.phases[lockedIndex];
	const allSteps = phases.flatMap(phase => phase.steps);
	const inputs = [...inputSteps(runbook).values()].map(({step, phase}) => {
		const record = session.inputs[step.name];
		return {
			name: step.name,
			title: step.title,
			phaseId: phase.id,
			...(record
				? {
					value: record.value,
					setBy: record.setBy,
					setAt: record.setAt,
					frozen: record.frozen,
					...(record.frozenAt ? {frozenAt: record.frozenAt} : {}),
					...(record.unfrozen ? {unfrozen: record.unfrozen} : {}),
				}
				: {frozen: false}),
		};
	});

	return {
		reportVersion,
		generatedAt: options.generatedAt ?? new Date().toISOString(),
		generator: {name: 'azs-runbook', version: options.version ?? 'unknown'},
		training: session.training ? {scenario: session.training.scenario, trainee: session.training.trainee} : false,
		redacted: false,
		session: {name: session.name, createdAt: session.createdAt, updatedAt: session.updatedAt, position: session.position},
		runbook: {id: runbook.id, title: runbook.title, version: runbook.version, hash: session.runbookHash},
		summary: withHeadline({
			complete: view.complete,
			steps: allSteps.length,
			satisfied: allSteps.filter(step => isSatisfied(session.steps[step.id])).length,
			passed: allSteps.filter(step => isSatisfied(session.steps[step.id]) && step.state !== 'overridden' && step.state !== 'skipped').length,
			failed: allSteps.filter(step => step.state === 'failed' || step.state === 'error').length,
			pending: allSteps.filter(step => step.notApplicable === undefined && (step.state === 'pending' || step.state === 'running')).length,
			overridden: allSteps.filter(step => step.state === 'overridden').length,
			skipped: allSteps.filter(step => step.state === 'skipped').length,
			stale: allSteps.filter(step => step.stale).length,
			...(view.next ? {next: view.next} : {}),
			...(lockedPhase ? {lockedAt: {phaseId: lockedPhase.id, phaseTitle: lockedPhase.title, reason: lockedPhase.lockReason ?? 'locked'}} : {}),
		}),
		phases,
		inputs,
		// Like the phase status: in a sealed phase a stale result is evidence, not a blocker.
		blockers: runbook.phases.flatMap((phase, index) =>
			phaseBlockers(session, phase, isPhaseSealed(runbook, session, index))
				.filter(blocker => blocker.stale || blocker.state === 'failed' || blocker.state === 'error')
				.map(blocker => {
					const record = session.steps[blocker.step.id];
					return {
						phaseId: phase.id,
						stepId: blocker.step.id,
						title: blocker.step.title,
						state: blocker.state,
						stale: blocker.stale,
						...(blocker.summary ? {summary: blocker.summary} : {}),
						...(record?.result?.remediation ? {remediation: record.result.remediation} : {}),
						owner: ownerOf(blocker.step, record),
					};
				})),
		overrides: allSteps.flatMap(step => {
			if (!step.override) {
				return [];
			}

			const summary = step.check?.summary ?? step.command?.failure;
			// What was waived: the fix the failing result asked for, and the team it was for.
			const waived = step.resultState === 'failed' || step.resultState === 'error';
			const owner = waived && step.check?.owner ? ownerLabels[step.check.owner] : undefined;
			const remediation = waived ? step.check?.remediation : undefined;
			return [{stepId: step.id, title: step.title, ...step.override, ...(step.resultState ? {resultState: step.resultState} : {}), ...(summary ? {summary} : {}), ...(owner ? {owner} : {}), ...(remediation ? {remediation} : {}), ...(step.stale ? {stale: step.stale.reason} : {})}];
		}),
		stale: allSteps.flatMap(step => (step.stale ? [{stepId: step.id, title: title(step.id), ...step.stale}] : [])),
		notes: (session.notes ?? []).map(note => ({...note, ...(note.stepId ? {stepTitle: title(note.stepId)} : {})})),
		vantages: vantagesOf(allSteps),
		endpointLists: endpointListsOf(allSteps),
		journal: {
			entries: journal.entries.length,
			verified: journal.problem === undefined,
			...(journal.problem ? {problem: journal.problem} : {}),
			...(journal.entries.length > 0 ? {lastHash: journal.entries.at(-1)!.hash} : {}),
			pendingEntries: options.pendingEntries ?? 0,
		},
	};
}

function withHeadline(summary: Omit<Report['summary'], 'headline'>): Report['summary'] {
	return {headline: headline(summary), ...summary};
}

/** Whether the step applies here, and the documents it cites (its own, then its phase's). */
function stepContext(runbook: Runbook, session: Session, phase: Phase, step: Step): Pick<ReportStep, 'notApplicable' | 'sources'> {
	const verdict = applicability(session, phase, step);
	const sources = [...citedSources(runbook, step), ...citedSources(runbook, phase)].map(formatSource);
	return {...(verdict.applies ? {} : {notApplicable: verdict.reason}), ...(sources.length > 0 ? {sources: [...new Set(sources)]} : {})};
}

function recurringOf(step: Step, record: StepRecord | undefined): Pick<ReportStep, 'recurring'> {
	const standing = step.kind === 'confirm' ? recurringStanding(step, record) : undefined;
	return standing ? {recurring: {everySeconds: standing.everySeconds, occurrences: record?.occurrences ?? [], ...(standing.nextDue ? {nextDue: standing.nextDue} : {})}} : {};
}

function reportStep(step: Step, record: StepRecord | undefined, skip: {by: string; at: string; reason: string} | undefined): ReportStep {
	const state = record?.state ?? 'pending';
	return {
		id: step.id,
		title: step.title,
		kind: step.kind,
		blocking: step.blocking,
		state,
		...(record?.resultState && record.resultState !== state ? {resultState: record.resultState} : {}),
		...(record ? {updatedAt: record.updatedAt} : {}),
		...(record?.by ? {by: record.by} : {}),
		...(step.kind === 'input' ? {inputName: step.name} : {}),
		...(record?.result ? {check: reportCheck(record.result)} : {}),
		...(record?.command ? {command: reportCommand(record.command)} : {}),
		...(record?.override ? {override: record.override} : {}),
		...(record?.confirmation ? {confirmation: record.confirmation} : {}),
		...(state === 'skipped' && skip ? {skipped: skip} : {}),
		...(record?.stale ? {stale: record.stale} : {}),
		...(record?.failingSince ? {failingSince: record.failingSince} : {}),
		...(record?.fixedAfterMs !== undefined ? {fixedAfterMs: record.fixedAfterMs} : {}),
		...recurringOf(step, record),
		...(isSatisfied(record) ? {} : {owner: ownerOf(step, record)}),
	};
}

function reportCheck(result: CheckResult): ReportCheck {
	return {
		checkId: result.checkId,
		status: result.status,
		summary: result.summary,
		...(result.remediation ? {remediation: result.remediation} : {}),
		...(result.owner ? {owner: result.owner} : {}),
		startedAt: result.startedAt,
		durationMs: result.durationMs,
		vantage: {
			host: result.vantage.host,
			localAddresses: [...result.vantage.localAddresses],
			...(result.vantage.name ? {name: result.vantage.name} : {}),
			...(result.vantage.collected ? {collected: {...result.vantage.collected}} : {}),
		},
		...(result.endpointList ? {endpointList: result.endpointList} : {}),
		// Failures first (stable): the reader of any format sees what went wrong before what passed.
		evidence: [...result.evidence.filter(record => !recordPassed(record)), ...result.evidence.filter(record => recordPassed(record))],
	};
}

function reportCommand(command: CommandResult): ReportCommand {
	return {
		argv: command.argv,
		...(command.exitCode === undefined ? {} : {exitCode: command.exitCode}),
		...(command.failure ? {failure: command.failure} : {}),
		output: command.output,
		truncated: command.truncated,
		startedAt: command.startedAt,
		durationMs: command.durationMs,
		host: command.host,
	};
}

/** The reducer keeps no skip reason; the journal does. */
function lastSkips(entries: readonly JournalEntry[]): Map<string, {by: string; at: string; reason: string}> {
	const skips = new Map<string, {by: string; at: string; reason: string}>();
	for (const {action} of entries) {
		if (action.type === 'step.skipped') {
			skips.set(action.stepId, {by: action.by, at: action.at, reason: action.reason});
		}
	}

	return skips;
}

function vantagesOf(steps: readonly ReportStep[]): Report['vantages'] {
	const byKey = new Map<string, Report['vantages'][number]>();
	for (const step of steps) {
		const vantage = step.check?.vantage ?? (step.command ? {host: step.command.host, localAddresses: []} : undefined);
		if (!vantage) {
			continue;
		}

		const named = step.check?.vantage;
		const collected = named?.collected;
		const how = collected ? (collected.via === 'ssh' ? 'collected over SSH' as const : 'imported from a file' as const) : 'measured here' as const;
		const key = JSON.stringify([vantage.host, vantage.localAddresses, named?.name, how, collected?.source]);
		const entry = byKey.get(key) ?? {
			host: vantage.host,
			...(named?.name ? {vantage: named.name} : {}),
			how,
			...(collected ? {source: collected.source} : {}),
			localAddresses: vantage.localAddresses,
			stepIds: [],
		};
		entry.stepIds.push(step.id);
		byKey.set(key, entry);
	}

	return [...byKey.values()];
}

function endpointListsOf(steps: readonly ReportStep[]): Report['endpointLists'] {
	const byList = new Map<string, string[]>();
	for (const step of steps) {
		const list = step.check?.endpointList;
		if (list) {
			byList.set(list, [...(byList.get(list) ?? []), step.id]);
		}
	}

	return [...byList].map(([list, stepIds]) => ({list, stepIds}));
}
