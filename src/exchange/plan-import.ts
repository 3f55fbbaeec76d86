import type {CheckResult} from '../checks/types.js';
import {requiredVantage} from '../engine/place.js';
import {locateStep} from '../engine/runbook-index.js';
import type {CommandResult, Session} from '../engine/state.js';
import type {LoadedRunbook} from '../runbook/load-runbook.js';
import {canonicalJson} from '../runbook/canonical-json.js';
import {escapeControls} from '../text/escape-controls.js';
import {maxCommandOutputChars, type BundledCommand, type BundledResult, type ResultsBundle} from './results-bundle.js';

/** How a bundle reached this session, recorded on every result it brings. */
export type Collection = {via: 'ssh' | 'file'; source: string};

export type ImportPlan = {
	/** Set when the whole bundle is refused (another runbook, another version). */
	refusedAll?: string;
	accepted: Array<BundledResult & {result: CheckResult}>;
	/** Command steps that ran there: exit code and output, labelled like the check results. */
	acceptedCommands: Array<Omit<BundledCommand, 'command'> & {command: CommandResult}>;
	refused: Array<{stepId: string; reason: string}>;
};

function describe(value: unknown): string {
	if (value === undefined) {
		return 'no value';
	}

	return Array.isArray(value) ? value.join(',') : String(value);
}

/**
Decides, without changing anything, what of a results bundle may enter the session. Refused: another
runbook or runbook version; a step the runbook does not have or that is not a check; a step that
runs from another vantage than the bundle's; a result its host itself judged as from the wrong
place; a result measured with input values the session no longer has; and a result older than the
one the session already holds for that step. What is accepted is labelled with the bundle's vantage
and how it arrived.
*/
export function planImport(loaded: LoadedRunbook, session: Session, bundle: ResultsBundle, collection: Collection): ImportPlan {
	const plan: ImportPlan = {accepted: [], acceptedCommands: [], refused: []};
	if (bundle.runbookId !== loaded.runbook.id) {
		return {...plan, refusedAll: `the results are for runbook "${bundle.runbookId}", this session follows "${loaded.runbook.id}"`};
	}

	if (bundle.runbookHash !== loaded.hash) {
		return {
			...plan,
			refusedAll: `the results were measured with another version of the runbook (${bundle.runbookHash.slice(0, 12)}…, this session has ${loaded.hash.slice(0, 12)}…); run the same azs-runbook version on both hosts`,
		};
	}

	for (const item of bundle.results) {
		const refuse = (reason: string) => plan.refused.push({stepId: item.stepId, reason});
		const location = locateStep(loaded.runbook, item.stepId);
		const misplaced = stepProblem(loaded, bundle, item.stepId, 'check');
		if (misplaced || location?.step.kind !== 'check') {
			refuse(misplaced ?? 'not a check step of this runbook');
			continue;
		}

		if (item.result.checkId !== location.step.check) {
			refuse(`the result is of check "${item.result.checkId}", the step runs "${location.step.check}"`);
			continue;
		}

		if ((item.result as CheckResult).wrongPlace) {
			refuse(`${bundle.host.name} judged it measured from the wrong place: ${item.result.summary}`);
			continue;
		}

		const changed = changedInput(bundle, session, item.usedInputs);
		if (changed) {
			refuse(changed);
			continue;
		}

		const current = session.steps[item.stepId]?.result;
		if (current && !current.wrongPlace && Date.parse(current.startedAt) > Date.parse(item.result.startedAt)) {
			refuse(`the session holds a newer result (${current.startedAt}) for this step`);
			continue;
		}

		const vantage = {
			...item.result.vantage,
			name: bundle.vantage,
			collected: {via: collection.via, source: collection.source, host: bundle.host.name, contentHash: bundle.contentHash},
		};
		plan.accepted.push({...item, result: {...(item.result as CheckResult), vantage}});
	}

	planCommands(loaded, session, bundle, collection, plan);
	return plan;
}

/** Why a step of the bundle cannot be taken as that kind of step from the bundle's vantage, or undefined. */
function stepProblem(loaded: LoadedRunbook, bundle: ResultsBundle, stepId: string, kind: 'check' | 'command'): string | undefined {
	if (locateStep(loaded.runbook, stepId)?.step.kind !== kind) {
		return `not a ${kind} step of this runbook`;
	}

	const required = requiredVantage(loaded.runbook, stepId);
	return required === bundle.vantage ? undefined : `runs from ${required ?? 'this host'}, and these results are from ${bundle.vantage}`;
}

/** Why a result measured with the bundle's inputs no longer fits the session, or undefined. */
function changedInput(bundle: ResultsBundle, session: Session, usedInputs: readonly string[]): string | undefined {
	const changed = usedInputs.find(name => canonicalJson(bundle.inputs[name]) !== canonicalJson(session.inputs[name]?.value));
	return changed ? `measured with ${changed}=${describe(bundle.inputs[changed])}, the session now has ${describe(session.inputs[changed]?.value)}: collect it again` : undefined;
}

/** The same rules for command steps; their output is capped as a local run caps it. */
function planCommands(loaded: LoadedRunbook, session: Session, bundle: ResultsBundle, collection: Collection, plan: ImportPlan): void {
	for (const item of bundle.notRun ?? []) {
		plan.refused.push({stepId: item.stepId, reason: `${bundle.host.name} did not run it: ${item.reason}`});
	}

	for (const item of bundle.commands ?? []) {
		const refused = stepProblem(loaded, bundle, item.stepId, 'command') ?? changedInput(bundle, session, item.usedInputs);
		if (refused) {
			plan.refused.push({stepId: item.stepId, reason: refused});
			continue;
		}

		const current = session.steps[item.stepId]?.command;
		if (current && Date.parse(current.startedAt) > Date.parse(item.command.startedAt)) {
			plan.refused.push({stepId: item.stepId, reason: `the session holds a newer result (${current.startedAt}) for this step`});
			continue;
		}

		// Another host's output is untrusted text: control characters are made visible before it is kept.
		const output = escapeControls(item.command.output);
		const capped = output.length > maxCommandOutputChars;
		const collected = {vantage: bundle.vantage, via: collection.via, source: collection.source, host: bundle.host.name, contentHash: bundle.contentHash};
		plan.acceptedCommands.push({
			...item,
			command: {...item.command, exitCode: item.command.exitCode, output: capped ? output.slice(-maxCommandOutputChars) : output, truncated: item.command.truncated || capped, collected},
		});
	}
}
