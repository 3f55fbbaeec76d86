import {UsageError} from '../../cli/args.js';
import type {CliContext} from '../../cli/context.js';
import {parseCondition} from '../load-scenario.js';
import type {Condition} from '../scenario-schema.js';
import {withCleared, withInjected, writeTrainingState, type TrainingState} from '../training-state.js';
import {requireTrainingState, trainingDirOf} from './training-context.js';

function sessionArgument(context: CliContext, usage: string): string {
	const session = context.args.positionals[1];
	if (!session) {
		throw new UsageError(`usage: azs-runbook train ${usage}`);
	}

	return session;
}

function describe(name: string, condition: Condition): string {
	return condition.description ? `${name}: ${condition.description}` : name;
}

/** The named condition of the scenario (prepared, or one of its faults), or an inline one. */
function conditionFor(state: TrainingState, text: string): {name: string; condition: Condition} {
	const {scenario} = state;
	const named = scenario.conditions[text] ?? scenario.faults[text];
	if (named) {
		return {name: text, condition: named};
	}

	if (/^\s*\{/.test(text)) {
		const injected = state.history.filter(change => change.action === 'inject' && change.name.startsWith('inline-')).length;
		return {name: `inline-${injected + 1}`, condition: parseCondition(text, 'the condition on the command line')};
	}

	const known = [...Object.keys(scenario.conditions), ...Object.keys(scenario.faults)];
	throw new UsageError(`scenario ${scenario.id} has no condition "${text}"; it has: ${known.length > 0 ? known.join(', ') : 'none'} (or write one inline, e.g. '{flows: [{to: login.microsoftonline.com, port: 443, action: drop}]}')`);
}

function printInForce(context: CliContext, state: TrainingState): void {
	context.out(state.active.length === 0 ? 'in force: nothing (the healthy site)' : `in force: ${state.active.map(item => item.name).join(', ')}`);
}

/** `train inject SESSION CONDITION`: a fault added to a running exercise; the trainee's next run sees it. */
export function injectCommand(context: CliContext): number {
	const session = sessionArgument(context, 'inject SESSION CONDITION   (a condition of the scenario, or inline YAML)');
	const text = context.args.positionals.slice(2).join(' ');
	if (!text) {
		throw new UsageError('usage: azs-runbook train inject SESSION CONDITION   (a condition of the scenario, or inline YAML)');
	}

	const state = requireTrainingState(context, session);
	const {name, condition} = conditionFor(state, text);
	const next = withInjected(state, name, condition, new Date().toISOString(), context.operator);
	writeTrainingState(trainingDirOf(context), next);
	context.out(`injected ${describe(name, condition)}; the trainee's next run of a check sees it`);
	printInForce(context, next);
	return 0;
}

/** `train clear SESSION [CONDITION]`: a condition (or all: the healthy site) removed, as when a team fixes it. */
export function clearCommand(context: CliContext): number {
	const session = sessionArgument(context, 'clear SESSION [CONDITION]');
	const name = context.args.positionals[2];
	const state = requireTrainingState(context, session);
	const next = withCleared(state, name, new Date().toISOString(), context.operator);
	writeTrainingState(trainingDirOf(context), next);
	const cleared = state.active.filter(item => !next.active.includes(item)).map(item => item.name);
	context.out(`cleared ${cleared.join(', ')}; the trainee's next run of a check sees the change`);
	printInForce(context, next);
	return 0;
}

/** `train conditions SESSION`: what is in force, what can be injected, and what changed when. */
export function conditionsCommand(context: CliContext): number {
	const session = sessionArgument(context, 'conditions SESSION');
	const state = requireTrainingState(context, session);
	if (context.args.json) {
		context.out(JSON.stringify({active: state.active, prepared: state.scenario.conditions, history: state.history}, null, 2));
		return 0;
	}

	context.out(`TRAINING ${session}: scenario ${state.scenario.id}, trainee ${state.trainee}`);
	context.out('In force:');
	for (const item of state.active) {
		context.out(`  ${describe(item.name, item.condition)} (${item.origin === 'scenario' ? 'from the start' : `injected ${item.at} by ${item.by}`})`);
	}

	if (state.active.length === 0) {
		context.out('  nothing: the healthy site');
	}

	const prepared = Object.entries({...state.scenario.faults, ...state.scenario.conditions}).filter(([name]) => !state.active.some(item => item.name === name));
	context.out('Can be injected:');
	for (const [name, condition] of prepared) {
		context.out(`  ${describe(name, condition)}`);
	}

	if (prepared.length === 0) {
		context.out('  no prepared condition left; write one inline');
	}

	return 0;
}
