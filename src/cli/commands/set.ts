import {EngineRefusal} from '../../engine/actions.js';
import {inputSteps} from '../../engine/runbook-index.js';
import {splitList, validateInput} from '../../inputs/validate-input.js';
import {didYouMean} from '../../runbook/suggest.js';
import {UsageError} from '../args.js';
import type {CliContext} from '../context.js';
import {withSession} from './with-session.js';

/** `set NAME=VALUE`: the same validation as typed input; refusals say why. */
export async function setCommand(context: CliContext): Promise<number> {
	const assignment = context.args.positionals[0];
	const equals = assignment?.indexOf('=') ?? -1;
	if (!assignment || equals <= 0) {
		throw new UsageError('usage: azs-runbook set NAME=VALUE (lists comma-separated, e.g. dns_forwarders=10.0.0.53,10.0.1.53)');
	}

	const name = assignment.slice(0, equals);
	const rawValue = assignment.slice(equals + 1);
	return withSession(context, controller => {
		const inputs = inputSteps(controller.loaded.runbook);
		const input = inputs.get(name);
		if (!input) {
			throw new UsageError(`unknown input "${name}"${didYouMean(name, inputs.keys())}; inputs: ${[...inputs.keys()].join(', ')}`);
		}

		const isList = input.step.type === 'ipv4-list' || input.step.type === 'cidr-list';
		const others = Object.fromEntries(Object.entries(controller.session.inputs).map(([key, record]) => [key, record.value]));
		const verdict = validateInput(input.step, isList ? splitList(rawValue) : rawValue, others);
		if (!verdict.ok) {
			throw new EngineRefusal(`refused: ${verdict.reason}`);
		}

		controller.dispatch({type: 'input.set', name, value: verdict.value});
		controller.advance();
		context.out(`${name} = ${Array.isArray(verdict.value) ? verdict.value.join(', ') : verdict.value}`);
		for (const warning of verdict.warnings) {
			context.err(`warning: ${warning}`);
		}

		return 0;
	});
}
