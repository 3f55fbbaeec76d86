import type {LoadedRunbook} from '../runbook/load-runbook.js';
import type {Endpoint} from '../runbook/schema.js';
import {subnetOf} from '../runbook/site-text.js';
import {EngineRefusal} from './actions.js';
import {inputSteps} from './runbook-index.js';
import type {Session} from './state.js';

export type ResolvedParams = {params: unknown; usedInputs: string[]; endpointListId?: string};

/**
Replaces `{$input: name}` with the input's value, `{$firstSubnet: name, prefix: 27}` (or
`$lastSubnet`) with the first (last) subnet of that size of a network input, and
`{$endpoints: category}` with the entries of the endpoint list chosen by the selecting input. A
missing value refuses with what to enter first.
*/
export function resolveParams(loaded: LoadedRunbook, session: Session, value: unknown): ResolvedParams {
	const usedInputs = new Set<string>();
	let endpointListId: string | undefined;
	const inputs = inputSteps(loaded.runbook);

	const inputValue = (name: string) => {
		const record = session.inputs[name];
		const fallback = inputs.get(name)?.step.default;
		if (!record && fallback !== undefined) {
			// An optional input (e.g. a NAT address most sites do not have) reads as its default until entered.
			usedInputs.add(name);
			return fallback;
		}

		if (!record) {
			const where = inputs.get(name);
			throw new EngineRefusal(
				`needs input "${name}"${where ? ` (${where.phase.title} › ${where.step.title})` : ''}: enter it first`,
				['set', `${name}=VALUE`],
			);
		}

		usedInputs.add(name);
		return record.value;
	};

	const endpoints = (category: string): Endpoint[] => {
		const selector = loaded.runbook.endpointLists?.selectBy;
		if (!selector) {
			throw new EngineRefusal('this runbook has no endpoint lists');
		}

		const choice = String(inputValue(selector));
		const list = loaded.endpointLists[choice];
		if (!list) {
			throw new EngineRefusal(`no endpoint list for ${selector} = ${choice}`);
		}

		endpointListId = `${list.id} (${list.listDate})`;
		return list.endpoints.filter(endpoint => endpoint.category === category);
	};

	const walk = (node: unknown): unknown => {
		if (Array.isArray(node)) {
			return node.flatMap(item => {
				const resolved = walk(item);
				// An endpoint reference inside a list splices its entries into the list.
				return isEndpointReference(item) && Array.isArray(resolved) ? resolved : [resolved];
			});
		}

		if (node === null || typeof node !== 'object') {
			return node;
		}

		const record = node as Record<string, unknown>;
		if ('$input' in record) {
			return inputValue(String(record.$input));
		}

		const subnet = subnetReference(record);
		if (subnet) {
			const network = inputValue(subnet.name);
			const range = typeof network === 'string' ? subnetOf(network, subnet.prefix, subnet.first) : undefined;
			if (!range) {
				throw new EngineRefusal(`input "${subnet.name}" (${String(network)}) has no /${subnet.prefix} to take the ${subnet.first ? 'first' : 'last'} of`);
			}

			return range;
		}

		if (isEndpointReference(record)) {
			return endpoints(String(record.$endpoints));
		}

		return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, walk(inner)]));
	};

	const params = walk(value);
	return {params, usedInputs: [...usedInputs].sort(), ...(endpointListId ? {endpointListId} : {})};
}

function isEndpointReference(node: unknown): node is {$endpoints: string} {
	return node !== null && typeof node === 'object' && !Array.isArray(node) && '$endpoints' in node;
}

/** `{$firstSubnet: name, prefix: 27}` or `{$lastSubnet: …}`, read; undefined for anything else. */
export function subnetReference(node: Record<string, unknown>): {name: string; prefix: number; first: boolean} | undefined {
	const first = '$firstSubnet' in node;
	if (!first && !('$lastSubnet' in node)) {
		return undefined;
	}

	return {name: String(first ? node.$firstSubnet : node.$lastSubnet), prefix: Number(node.prefix), first};
}
