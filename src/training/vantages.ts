import {formatIpv4, parseCidr, parseIpv4} from '../inputs/ipv4.js';
import type {Scenario, VantageName} from './scenario-schema.js';

/**
Where each check step of the embedded runbook runs on site, when it is not the DVM: the step's own
text says so ("run on the HLH OS", "run from a Public VIP address", "from this workstation").
*/
const stepVantages: Readonly<Record<string, VantageName>> = {
	'acl-hlh-denied': 'HLH',
	'acl-permitted-hlh-rdp': 'Workstation',
	'post-pep-reachable': 'Workstation',
	'post-dns-integration': 'Workstation',
	'post-public-vip-flows': 'PublicVIP',
	'post-egress-source': 'PublicVIP',
	'register-arm-reachable': 'Workstation',
	'register-pep-reachable': 'Workstation',
};

/** The vantage a check step runs from in a scenario: its `runFrom`, the runbook's, else the DVM. */
export function vantageOfStep(scenario: Scenario, stepId: string): VantageName {
	return scenario.runFrom?.[stepId] ?? stepVantages[stepId] ?? 'DVM';
}

function first(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** An address `offset` hosts into a network given in CIDR form, or undefined. */
function hostIn(cidr: string | undefined, offset: number): string | undefined {
	const parsed = cidr ? parseCidr(cidr) : undefined;
	return parsed?.ok ? formatIpv4(parsed.cidr.network + offset) : undefined;
}

/**
The source address each vantage uses: the scenario's, else the worksheet's (the DVM and HLH
addresses, the first address of the Public VIP pool's first /27, a host in the first permitted
network), else fixed addresses that sit in no worksheet network.
*/
export function vantageAddresses(scenario: Scenario): Record<VantageName, string> {
	const sheet = scenario.worksheet;
	const given = scenario.vantages ?? {};
	const ipv4 = (value: string | string[] | undefined) => {
		const text = first(value);
		return text !== undefined && parseIpv4(text) !== undefined ? text : undefined;
	};

	return {
		DVM: given.DVM ?? ipv4(sheet.dvm_address) ?? hostIn(first(sheet.bmc_network), 29) ?? '192.0.2.29',
		HLH: given.HLH ?? ipv4(sheet.hlh_address) ?? hostIn(first(sheet.bmc_network), 30) ?? '192.0.2.30',
		PublicVIP: given.PublicVIP ?? hostIn(first(sheet.public_vip_pool), 1) ?? '198.51.100.1',
		Workstation: given.Workstation ?? hostIn(first(sheet.permitted_networks), 10) ?? '192.0.2.10',
	};
}
