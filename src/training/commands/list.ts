import type {CliContext} from '../../cli/context.js';
import {loadCliRunbook} from '../../cli/context.js';
import {shippedScenarios} from '../scenario-library.js';

/** `train list`: the shipped scenarios and what each teaches. */
export async function listScenarios(context: CliContext): Promise<number> {
	const scenarios = shippedScenarios((await loadCliRunbook(context)).runbook);
	if (context.args.json) {
		context.out(JSON.stringify(scenarios.map(({scenario}) => ({
			id: scenario.id,
			title: scenario.title,
			teaches: scenario.teaches,
			faults: Object.keys(scenario.faults),
			conditions: Object.keys(scenario.conditions),
		})), null, 2));
		return 0;
	}

	for (const {scenario} of scenarios) {
		context.out(`${scenario.id}: ${scenario.title}`);
		context.out(`  teaches: ${scenario.teaches}`);
		const prepared = Object.keys(scenario.conditions);
		if (prepared.length > 0) {
			context.out(`  conditions to inject: ${prepared.join(', ')}`);
		}
	}

	context.out(`\nStart one with: ${context.command(['train', 'start'])} SCENARIO --trainee NAME`);
	return 0;
}
