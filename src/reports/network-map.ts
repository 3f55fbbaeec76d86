import type {Session} from '../engine/state.js';
import {cidrContains, parseCidr, parseIpv4} from '../inputs/ipv4.js';
import type {Runbook} from '../runbook/schema.js';
import {buildReport} from './build-report.js';
import type {ProbeRecord} from '../checks/types.js';
import {evidenceRows, recordPassed} from './evidence-rows.js';
import {findingsOf, type Finding} from './findings.js';
import {ownerLabels} from './owners.js';
import type {Report, ReportStep} from './report-types.js';
import {firstSlash27, siteValuesOf, type SiteValues} from './source-range.js';

/*
The picture of the deployment network, as data: the places traffic starts (DVM and HLH on the BMC
network, the Public VIP range), the devices it crosses (BMC switch, ToR switches, border, customer
firewall) and where it goes (DNS forwarders, time server, identity and other endpoints), with one
path per flow the runbook cares about and each path's latest verdict, the failing layer in words
and who fixes it. One pure module: the HTML report draws it as SVG, the TUI with box-drawing
characters, so both always show the same thing.
*/

export type PathVerdict = 'pass' | 'warn' | 'fail' | 'not-run' | 'stale';

/** The devices between the BMC network and the outside, in the order traffic crosses them. */
export type Hop = 'bmc-switch' | 'tor' | 'border' | 'firewall' | 'destination';

export const hops: ReadonlyArray<{id: Exclude<Hop, 'destination'>; label: string; short: string}> = [
	{id: 'bmc-switch', label: 'BMC switch', short: 'BMC'},
	{id: 'tor', label: 'ToR switches', short: 'ToR'},
	{id: 'border', label: 'Border', short: 'Border'},
	{id: 'firewall', label: 'Customer firewall', short: 'FW'},
];

export type SourceRole = 'dvm' | 'hlh' | 'public-vip';
export type DestinationRole = 'dns' | 'time' | 'identity' | 'internet';

export type NetworkPath = {
	id: string;
	source: {role: SourceRole; label: string; address?: string};
	destination: {role: DestinationRole; label: string; address?: string};
	/** What flows: `DNS UDP+TCP 53`, `HTTPS 443 (must be denied)`. */
	service: string;
	expect: 'allow' | 'deny';
	verdict: PathVerdict;
	/** The failing layers in words: `TCP 53 dropped`, `TLS intercepted by Fabrikam Inspection CA`. */
	layers: string[];
	/** Who fixes it (labels), for failing paths. */
	owners: string[];
	/** Where the traffic dies, for failing paths: the device whose owner must act. */
	blockedAt?: Hop;
	/** Every finding on the path was overridden: still failing on the network. */
	waived: boolean;
	/** The check steps whose evidence crossed this path. */
	stepIds: string[];
};

export type NetworkMap = {
	bmcNetwork?: string;
	publicVip?: string;
	paths: NetworkPath[];
};

export const verdictMarks: Record<PathVerdict, string> = {pass: '✔', warn: '!', fail: '✖', 'not-run': '·', stale: '↻'};
export const verdictWords: Record<PathVerdict, string> = {pass: 'pass', warn: 'warn', fail: 'FAIL', 'not-run': 'not run', stale: 'stale'};

function inside(network: string | undefined, address: string): boolean {
	const parsed = network ? parseCidr(network) : undefined;
	const value = parseIpv4(address);
	return parsed !== undefined && parsed.ok && value !== undefined && cidrContains(parsed.cidr, value);
}

function sourceRole(address: string | undefined, site: SiteValues): SourceRole | undefined {
	if (!address) {
		return undefined;
	}

	if (address === site.dvmAddress) {
		return 'dvm';
	}

	if (address === site.hlhAddress) {
		return 'hlh';
	}

	return inside(site.publicVipPool, address) ? 'public-vip' : undefined;
}

function addressOf(record: ProbeRecord): string | undefined {
	if (typeof record.server === 'string') {
		return record.server;
	}

	return /^[a-z]+:\/\/(?:[^@/]*@)?\[?([0-9a-fA-F:.]+)\]?:\d/.exec(record.target)?.[1];
}

/** Which planned path a probe record crossed, by its source and destination addresses. */
function pathIdOf(record: ProbeRecord, site: SiteValues): string | undefined {
	const source = sourceRole(typeof record.localAddress === 'string' ? record.localAddress : undefined, site);
	if (!source) {
		return undefined;
	}

	const address = addressOf(record);
	const dns = record.kind.startsWith('dns') || (address !== undefined && site.dnsForwarders.includes(address));
	if (source === 'hlh') {
		return dns || address === site.timeServer ? undefined : 'hlh-internet';
	}

	if (dns) {
		return source === 'dvm' ? `dvm-dns-${address ?? '?'}` : 'public-vip-dns';
	}

	if (record.kind === 'ntp' || (address !== undefined && address === site.timeServer)) {
		return `${source}-time`;
	}

	return `${source}-identity`;
}

function plannedPaths(site: SiteValues): Array<Omit<NetworkPath, 'verdict' | 'layers' | 'owners' | 'waived' | 'stepIds'>> {
	const dvm = {role: 'dvm' as const, label: 'DVM', ...(site.dvmAddress ? {address: site.dvmAddress} : {})};
	const hlh = {role: 'hlh' as const, label: 'HLH', ...(site.hlhAddress ? {address: site.hlhAddress} : {})};
	const vipRange = site.publicVipPool ? firstSlash27(site.publicVipPool) : undefined;
	const vip = {role: 'public-vip' as const, label: 'Public VIP', ...(vipRange ? {address: vipRange} : {})};
	const time = {role: 'time' as const, label: 'Time server', ...(site.timeServer ? {address: site.timeServer} : {})};
	const identity = {role: 'identity' as const, label: 'Identity endpoints'};
	const forwarders = site.dnsForwarders.length > 0 ? site.dnsForwarders : ['?'];
	return [
		...forwarders.map(address => ({id: `dvm-dns-${address}`, source: dvm, destination: {role: 'dns' as const, label: 'DNS forwarder', ...(address === '?' ? {} : {address})}, service: 'DNS UDP+TCP 53', expect: 'allow' as const})),
		{id: 'dvm-time', source: dvm, destination: time, service: 'NTP UDP 123', expect: 'allow'},
		{id: 'dvm-identity', source: dvm, destination: identity, service: 'HTTPS 443', expect: 'allow'},
		{id: 'hlh-internet', source: hlh, destination: {role: 'internet', label: 'Internet'}, service: 'HTTPS 443 (must be denied)', expect: 'deny'},
		{id: 'public-vip-dns', source: vip, destination: {role: 'dns', label: 'DNS forwarders', ...(site.dnsForwarders.length > 0 ? {address: site.dnsForwarders.join(', ')} : {})}, service: 'DNS UDP+TCP 53', expect: 'allow'},
		{id: 'public-vip-time', source: vip, destination: time, service: 'NTP UDP 123', expect: 'allow'},
		{id: 'public-vip-identity', source: vip, destination: identity, service: 'HTTPS 443', expect: 'allow'},
	];
}

/** The device whose owner must act: switch ACLs are the OEM's, the firewall the firewall or proxy team's, a server its owner's. */
function blockedAt(findings: readonly Finding[]): Hop {
	if (findings.some(finding => finding.owner === 'firewall-team' || finding.owner === 'proxy-security-team' || finding.owner === 'network-team')) {
		return 'firewall';
	}

	return findings.some(finding => finding.owner === 'oem') ? 'tor' : 'destination';
}

const order: Record<PathVerdict, number> = {'not-run': 0, pass: 1, stale: 2, warn: 3, fail: 4};

function stepVerdict(step: ReportStep, passed: boolean): PathVerdict {
	if (!passed) {
		return 'fail';
	}

	if (step.stale) {
		return 'stale';
	}

	return step.check?.status === 'warn' ? 'warn' : 'pass';
}

/**
The network picture of a report: every planned path with the latest verdict of the probes that
crossed it (a failing probe fails the path; a stale result shows as stale unless something fails;
nothing measured is "not run"), the failing layers and owners from the report's findings. Pure.
*/
export function networkMap(report: Report): NetworkMap {
	const site = siteValuesOf(report);
	const findings = findingsOf(report);
	const touched = new Map<string, {verdict: PathVerdict; stepIds: string[]}>();
	for (const step of report.phases.flatMap(phase => phase.steps)) {
		for (const row of evidenceRows(step.check?.evidence ?? [])) {
			const record = row.records.at(-1)!;
			const id = pathIdOf(record, site);
			if (!id) {
				continue;
			}

			// A probe whose failure the check wanted (nothing answers an unlikely port) is not a failure:
			// only a failing check's probes are judged one by one.
			const checkPassed = step.check?.status === 'pass' || step.check?.status === 'warn';
			const verdict = stepVerdict(step, checkPassed || recordPassed(record));
			const entry = touched.get(id) ?? {verdict: 'not-run', stepIds: []};
			entry.verdict = order[verdict] > order[entry.verdict] ? verdict : entry.verdict;
			if (!entry.stepIds.includes(step.id)) {
				entry.stepIds.push(step.id);
			}

			touched.set(id, entry);
		}
	}

	const paths = plannedPaths(site).map(planned => {
		const entry = touched.get(planned.id);
		const mine = findings.filter(finding => finding.evidence.some(row => pathIdOf(row.records.at(-1)!, site) === planned.id));
		const verdict = entry?.verdict ?? 'not-run';
		const failing = verdict === 'fail' ? mine : [];
		return {
			...planned,
			verdict,
			layers: [...new Set(failing.map(finding => finding.layer))],
			owners: [...new Set(failing.map(finding => ownerLabels[finding.owner]))],
			...(failing.length > 0 ? {blockedAt: blockedAt(failing)} : {}),
			waived: failing.length > 0 && failing.every(finding => finding.waived),
			stepIds: entry?.stepIds ?? [],
		};
	});
	return {...(site.bmcNetwork ? {bmcNetwork: site.bmcNetwork} : {}), ...(site.publicVipPool ? {publicVip: site.publicVipPool} : {}), paths};
}

/** The network picture straight from a session (the TUI has no journal at hand; the picture needs none). */
export function networkMapOfSession(runbook: Runbook, session: Session): NetworkMap {
	return networkMap(buildReport({runbook}, session, {entries: []}));
}
