import type {CheckResult} from '../checks/types.js';
import {requiredVantage} from '../engine/place.js';
import {locateStep} from '../engine/runbook-index.js';
import type {Session} from '../engine/state.js';
import type {LoadedRunbook} from '../runbook/load-runbook.js';
import {canonicalJson} from '../runbook/load-runbook.js';
import type {BundledResult, ResultsBundle} from './results-bundle.js';

/** How a bundle reached this session, recorded on every result it brings. */
export type Collection = {via: 'ssh' | 'file'; source: string};

export type ImportPlan = {
	/** Set when the whole bundle is refused (another runbook, another version). */
	refusedAll?: string;
	accepted: Array<BundledResult & {result: CheckResult}>;
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
	const plan: ImportPlan = {accepted: [], refused: []};
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
		if (!location || location.step.kind !== 'check') {
			refuse('not a check step of this runbook');
			continue;
		}

		const required = requiredVantage(loaded.runbook, item.stepId);
		if (required !== bundle.vantage) {
			refuse(`runs from ${required ?? 'this host'}, and these results are from ${bundle.vantage}`);
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

		const changed = item.usedInputs.find(name => canonicalJson(bundle.inputs[name]) !== canonicalJson(session.inputs[name]?.value));
		if (changed) {
			refuse(`measured with ${changed}=${describe(bundle.inputs[changed])}, the session now has ${describe(session.inputs[changed]?.value)}: collect it again`);
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

	return plan;
}
