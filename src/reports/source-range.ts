import {cidrContains, formatIpv4, parseCidr, parseIpv4} from '../inputs/ipv4.js';
import {formatValue} from '../journal/show.js';
import type {Report} from './report-types.js';

/** The worksheet values a change request and the network picture are computed from. */
export type SiteValues = {
	dvmAddress?: string;
	hlhAddress?: string;
	bmcNetwork?: string;
	publicVipPool?: string;
	dnsForwarders: string[];
	timeServer?: string;
	permittedNetworks: string[];
	region?: string;
	externalDomain?: string;
};

/** The source a rule must name: a range computed from the inputs, and what it is. */
export type SourceRange = {
	/** CIDR: `10.0.0.5/32`, `203.0.113.0/27`. */
	range: string;
	/** `DVM`, `HLH`, `first /27 of the Public VIP pool`, `BMC network host`, `measured source`. */
	label: string;
	/** The address the probe actually used. */
	measured: string;
};

function single(report: Report, name: string): string | undefined {
	const value = report.inputs.find(input => input.name === name)?.value;
	if (value === undefined) {
		return undefined;
	}

	return Array.isArray(value) ? value.map(String).join(', ') : formatValue(value);
}

function list(report: Report, name: string): string[] {
	const value = report.inputs.find(input => input.name === name)?.value;
	if (value === undefined) {
		return [];
	}

	return Array.isArray(value) ? value.map(String) : [formatValue(value)];
}

/** The site values of a report, from its inputs (absent when not entered). */
export function siteValuesOf(report: Report): SiteValues {
	const values: SiteValues = {dnsForwarders: list(report, 'dns_forwarders'), permittedNetworks: list(report, 'permitted_networks')};
	const pairs: Array<[keyof SiteValues, string]> = [
		['dvmAddress', 'dvm_address'],
		['hlhAddress', 'hlh_address'],
		['bmcNetwork', 'bmc_network'],
		['publicVipPool', 'public_vip_pool'],
		['timeServer', 'time_server'],
		['region', 'region'],
		['externalDomain', 'external_domain'],
	];
	for (const [key, name] of pairs) {
		const value = single(report, name);
		if (value !== undefined) {
			(values as Record<string, unknown>)[key] = value;
		}
	}

	return values;
}

/** The first /27 of a pool (`203.0.113.0/24` → `203.0.113.0/27`), where Azure Stack Hub's outbound traffic leaves from. */
export function firstSlash27(pool: string): string | undefined {
	const parsed = parseCidr(pool);
	if (!parsed.ok || parsed.cidr.prefix > 27) {
		return parsed.ok ? parsed.cidr.text : undefined;
	}

	return `${formatIpv4(parsed.cidr.network)}/27`;
}

function inside(network: string | undefined, address: number): boolean {
	if (!network) {
		return false;
	}

	const parsed = parseCidr(network);
	return parsed.ok && cidrContains(parsed.cidr, address);
}

/**
The source range a rule must allow, from the address a probe used and the site's inputs: the DVM's or
HLH's own address, the first /27 of the Public VIP pool for anything measured from it, otherwise the
measured address itself. Pure.
*/
export function sourceOf(measured: string | undefined, site: SiteValues): SourceRange | undefined {
	if (!measured) {
		return undefined;
	}

	if (measured === site.dvmAddress) {
		return {range: `${measured}/32`, label: 'DVM', measured};
	}

	if (measured === site.hlhAddress) {
		return {range: `${measured}/32`, label: 'HLH', measured};
	}

	const address = parseIpv4(measured);
	if (address !== undefined && site.publicVipPool && inside(site.publicVipPool, address)) {
		const range = firstSlash27(site.publicVipPool);
		if (range && inside(range, address)) {
			return {range, label: 'first /27 of the Public VIP pool', measured};
		}
	}

	if (address !== undefined && inside(site.bmcNetwork, address)) {
		return {range: `${measured}/32`, label: 'BMC network host', measured};
	}

	return {range: address === undefined ? measured : `${measured}/32`, label: 'measured source', measured};
}
