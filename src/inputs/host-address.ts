import type {InputRules} from '../runbook/schema.js';
import {cidrContains, formatIpv4, parseCidr, type Cidr} from './ipv4.js';
import type {OtherInputs} from './validate-input.js';

/** How an input is named in a reason: bmc_network → "bmc network". */
export function inputLabel(name: string): string {
	return name.replaceAll('_', ' ');
}

/** The entered networks among the other inputs (cidr and cidr-list values), with the input they came from. */
function enteredNetworks(others: OtherInputs): Array<{name: string; cidr: Cidr}> {
	return Object.entries(others).flatMap(([name, value]) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).flatMap(text => {
		const parsed = parseCidr(text);
		return parsed.ok && text.includes('/') ? [{name, cidr: parsed.cidr}] : [];
	}));
}

function broadcastOf(cidr: Cidr): number {
	return cidr.network + (2 ** (32 - cidr.prefix)) - 1;
}

/** "10.193.132.1 to 10.193.132.62": the host addresses of a network. */
function hostRange(cidr: Cidr): string {
	return `${formatIpv4(cidr.network + 1)} to ${formatIpv4(broadcastOf(cidr) - 1)}`;
}

function singleNetwork(others: OtherInputs, name: string): Cidr | undefined {
	const value = others[name];
	const parsed = typeof value === 'string' ? parseCidr(value) : undefined;
	return parsed?.ok ? parsed.cidr : undefined;
}

/**
Why an address cannot be a host's address, or undefined when it can: "any" (0.0.0.0), the limited
broadcast, multicast, and the network or broadcast address of a network entered in this session;
then the input's own rules: a host of a given network (the HLH and the DVM live on the BMC
network), outside others (the DVM is not a Public VIP), different from other addresses (the DVM is
not the HLH). Rules naming an input not entered yet wait for it.
*/
export function hostAddressProblem(text: string, address: number, rules: InputRules, others: OtherInputs): string | undefined {
	if (address === 0) {
		return `${text} means "any address", not a host`;
	}

	if (address === 0xFF_FF_FF_FF) {
		return `${text} is the broadcast address of every network, not a host`;
	}

	if (address >= 0xE0_00_00_00 && address < 0xF0_00_00_00) {
		return `${text} is a multicast address, not a host`;
	}

	for (const {name, cidr} of enteredNetworks(others)) {
		// A /31 or /32 has no network or broadcast address (RFC 3021).
		if (cidr.prefix <= 30 && (address === cidr.network || address === broadcastOf(cidr))) {
			const which = address === cidr.network ? 'network' : 'broadcast';
			return `${text} is the ${which} address of the ${inputLabel(name)} ${cidr.text}, not a host address (hosts are ${hostRange(cidr)})`;
		}
	}

	const home = rules.hostIn === undefined ? undefined : singleNetwork(others, rules.hostIn);
	if (home && !cidrContains(home, address)) {
		return `${text} is outside the ${inputLabel(rules.hostIn!)} ${home.text}; it must be one of its hosts (${hostRange(home)})`;
	}

	for (const name of rules.notIn ?? []) {
		const network = singleNetwork(others, name);
		if (network && cidrContains(network, address)) {
			return `${text} lies in the ${inputLabel(name)} ${network.text}, which cannot hold it`;
		}
	}

	for (const name of rules.differentFrom ?? []) {
		if (others[name] === text) {
			return `${text} is already the ${inputLabel(name)}; each needs an address of its own`;
		}
	}

	return undefined;
}
