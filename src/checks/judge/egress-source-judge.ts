import {cidrContains, formatIpv4, parseCidr, parseIpv4} from '../../inputs/ipv4.js';
import type {FixOwner} from '../types.js';
import type {Judgement} from './verdict.js';

export type EgressSourceFacts = {
	/** The address the echo service saw: the translated source. */
	seen?: string;
	/** The source address this host's socket used. */
	local?: string;
	/** The echo URL that answered. */
	url?: string;
	/** Why each URL gave no address, in order. */
	failures: string[];
	/** Who fixes each failure, when the layer that failed names someone. */
	failureOwners?: Array<FixOwner | undefined>;
	/** Addresses or networks (CIDR) the site's firewall rules are written for. */
	expected: string[];
	/** Only the first /N of each expected network counts (the Public VIP pool's first /27). */
	expectedPrefix?: number;
};

/** The expected networks, narrowed to their first /N when asked; invalid entries are reported. */
function expectedNetworks(expected: readonly string[], prefix: number | undefined): {texts: string[]; invalid: string[]; contains: (address: number) => boolean} {
	const invalid: string[] = [];
	const cidrs = expected.flatMap(text => {
		const exact = parseIpv4(text);
		if (exact !== undefined) {
			return [{network: exact, prefix: 32, text}];
		}

		const parsed = parseCidr(text);
		if (!parsed.ok) {
			invalid.push(text);
			return [];
		}

		if (prefix !== undefined && prefix > parsed.cidr.prefix) {
			return [{network: parsed.cidr.network, prefix, text: `${formatIpv4(parsed.cidr.network)}/${prefix}`}];
		}

		return [parsed.cidr];
	});
	return {texts: cidrs.map(cidr => (cidr.prefix === 32 ? formatIpv4(cidr.network) : cidr.text)), invalid, contains: address => cidrs.some(cidr => cidrContains(cidr, address))};
}

/**
Verdict for `egress.source`. NAT alone is never a failure (Microsoft recommends it); a translated
source that the firewall rules are not written for is a warning naming both addresses. Pure.
*/
export function judgeEgressSource(facts: EgressSourceFacts): Judgement {
	if (!facts.seen) {
		// Every URL stopped at the same team's device (DNS, firewall, TLS inspection): that team can unblock the check.
		const owners = new Set(facts.failureOwners ?? []);
		const [owner] = owners;
		return {
			...(owners.size === 1 && owner ? {owner} : {}),
			status: 'error',
			summary: `no echo URL told the address the internet sees: ${facts.failures.join('; ') || 'no URL to ask'}`,
			remediation: 'Add an HTTPS "what is my address" URL this site allows to the step (echoUrls), or ask the firewall team for the NAT address of this host.',
		};
	}

	const nat = facts.local && facts.local !== facts.seen ? ` (NAT of this host's ${facts.local})` : ' (this host\'s own address, no NAT)';
	const seen = `the internet sees ${facts.seen}${nat}, by ${facts.url}`;
	const expected = expectedNetworks(facts.expected, facts.expectedPrefix);
	if (expected.invalid.length > 0) {
		return {status: 'error', summary: `${seen}; expected source ${expected.invalid.join(', ')} is not an address or a network in CIDR form`};
	}

	if (expected.texts.length === 0) {
		return {status: 'pass', summary: `${seen}; no expected address to compare with`};
	}

	const address = parseIpv4(facts.seen)!;
	const list = expected.texts.join(', ');
	if (expected.contains(address)) {
		return {status: 'pass', summary: `${seen}, as the firewall rules expect (${list})`};
	}

	return {
		status: 'warn',
		summary: `${seen}, but the firewall rules are written for ${list}: they will not match ${facts.seen}`,
		remediation: `Tell the firewall team that traffic from this host reaches the internet as ${facts.seen}, not ${list}: either the rules (DNS, NTP, identity, CRL) are written for ${facts.seen}, or the NAT is changed to translate to ${list}.`,
		owner: 'firewall-team',
	};
}
