import {classifyFlow} from '../checks/judge/acl-judge.js';
import {judgeDnsRecord} from '../checks/judge/dns-outcome.js';
import {judgeTls} from '../checks/judge/tls-judge.js';
import type {DnsProbeRecord} from '../checks/probes/dns-probe.js';
import type {TlsProbeRecord} from '../checks/probes/web-probe.js';
import type {FixOwner, ProbeRecord} from '../checks/types.js';
import {evidenceRows, type EvidenceRow} from './evidence-rows.js';
import type {Report, ReportStep} from './report-types.js';
import {sourceOf, siteValuesOf, type SiteValues, type SourceRange} from './source-range.js';

/*
Findings: what is wrong on the network, one per failing probe (its retries collapsed), each with the
team that fixes it. The requests (one per team) and the network picture are both built from these,
so a finding is counted once everywhere. Per-probe owners come from the same pure judges the checks
use (DNS, TLS), so a request never disagrees with the check's own words; flows that must be denied
but are open are switch-ACL findings (the OEM configures the switches). A result measured from the
wrong place, or one whose owner is the field engineer or the customer, stays one finding for its step.
*/

/** What a rule asks the team to do. */
export type RuleAction = 'allow' | 'deny' | 'exempt-from-tls-inspection';

/** How the network treated the probe, in the words a network team uses. */
export type Observed = 'dropped' | 'reset' | 'ICMP-prohibited' | 'intercepted' | 'open' | 'blocked by proxy' | 'answered wrongly' | 'failed';

export type Finding = {
	/** `<step id>#<n>`: stable within one report. */
	id: string;
	owner: FixOwner;
	phaseId: string;
	stepId: string;
	stepTitle: string;
	checkId?: string;
	/** Overridden findings are waived: listed as overrides in force, never as rules. */
	waived: boolean;
	observed: Observed;
	/** The failing layer in a few words, for pictures and tables: `TCP 53 dropped`, `TLS intercepted by Fabrikam CA`. */
	layer: string;
	/** Present when a network rule fixes the finding. */
	rule?: {action: RuleAction; protocol: 'TCP' | 'UDP'; port: number};
	destination: {name?: string; address?: string};
	source?: SourceRange;
	/** The interception CA, when TLS was intercepted. */
	interceptedBy?: string;
	summary: string;
	remediation?: string;
	/** The failing probes behind it, one row each (retries collapsed); several when one rule covers them (e.g. one forwarder asked for several names). */
	evidence: EvidenceRow[];
	measuredAt?: string;
};

const networkOwners = new Set<FixOwner>(['firewall-team', 'dns-team', 'proxy-security-team', 'network-team', 'oem']);

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** `tcp://10.0.0.1:443` → address and port. */
function addressPort(target: string): {address?: string; port?: number} {
	const match = /^[a-z]+:\/\/(?:[^@/]*@)?\[?([0-9a-fA-F:.]+)\]?:(\d{1,5})/.exec(target);
	return match ? {address: match[1], port: Number(match[2])} : {};
}

const observedWords: Record<string, Observed> = {dropped: 'dropped', refused: 'reset', unreachable: 'ICMP-prohibited'};

/** The name a probed address was resolved from, from the DNS records measured alongside it. */
function nameFor(address: string | undefined, records: readonly ProbeRecord[]): string | undefined {
	if (!address) {
		return undefined;
	}

	const match = records.find(record => Array.isArray(record.addresses) && (record.addresses as unknown[]).includes(address));
	return match ? text(match.name) : undefined;
}

type Draft = Omit<Finding, 'id' | 'owner' | 'phaseId' | 'stepId' | 'stepTitle' | 'checkId' | 'waived' | 'evidence' | 'measuredAt' | 'source'> & {owner: FixOwner};

/** A blocked connection or datagram: the firewall must allow it (or, for a must-deny flow, it passes). */
function blockedFlow(record: ProbeRecord, protocol: 'TCP' | 'UDP', port: number, destination: Finding['destination'], what: string): Draft | undefined {
	const outcome = classifyFlow(record);
	const observed = observedWords[outcome];
	if (!observed) {
		return undefined;
	}

	const from = text(record.localAddress) ?? 'this host';
	const to = destination.name && destination.address ? `${destination.name} (${destination.address})` : destination.name ?? destination.address ?? '?';
	return {
		owner: 'firewall-team',
		observed,
		layer: `${protocol} ${port} ${observed}`,
		rule: {action: 'allow', protocol, port},
		destination,
		summary: `${what} ${protocol} ${port} from ${from} to ${to}: ${observed}`,
		remediation: `Allow ${protocol} port ${port} from ${from} to ${to}.`,
	};
}

function dnsDraft(record: DnsProbeRecord): Draft | undefined {
	const protocol = record.transport === 'tcp' ? 'TCP' : 'UDP';
	const judged = judgeDnsRecord(record);
	if (judged.status === 'pass' || judged.status === 'skipped') {
		return undefined;
	}

	const destination = {address: record.server};
	if (judged.owner === 'firewall-team') {
		return blockedFlow(record, protocol, record.port, destination, `DNS (${record.name})`) ?? {owner: 'firewall-team', observed: 'failed', layer: `${protocol} ${record.port} ${judged.summary}`, destination, summary: judged.summary, ...(judged.remediation ? {remediation: judged.remediation} : {})};
	}

	const word = text(record.rcode) ?? text(record.errorCode) ?? 'wrong answer';
	return {owner: judged.owner ?? 'dns-team', observed: 'answered wrongly', layer: `DNS ${word}`, destination, summary: judged.summary, ...(judged.remediation ? {remediation: judged.remediation} : {})};
}

function tlsDraft(record: TlsProbeRecord, port: number): Draft | undefined {
	const judged = judgeTls(record, port);
	if (judged.status === 'pass' || judged.status === 'skipped' || !judged.owner) {
		return undefined;
	}

	const destination = {name: record.hostname, ...addressPort(record.target)};
	delete (destination as {port?: number}).port;
	const root = record.chain?.at(-1)?.issuer ?? record.issuers?.at(-1);
	const intercepted = / interception|self-signed/.test(judged.summary) && root !== undefined;
	return {
		owner: judged.owner,
		observed: intercepted ? 'intercepted' : 'failed',
		layer: intercepted ? `TLS intercepted by ${root}` : `TLS ${judged.summary.replace(/^[^:]*: /, '')}`,
		...(intercepted ? {rule: {action: 'exempt-from-tls-inspection' as const, protocol: 'TCP' as const, port}, interceptedBy: root} : {}),
		destination,
		summary: judged.summary,
		...(judged.remediation ? {remediation: judged.remediation} : {}),
	};
}

/** One failing probe (its retries in `row`) as a finding draft, or undefined when it is no network finding. */
function draftOf(row: EvidenceRow, all: readonly ProbeRecord[]): Draft | undefined {
	const record = row.records.at(-1)!;
	const {address, port} = addressPort(record.target);
	if (record.expect === 'deny') {
		const name = nameFor(address, all);
		const destination = {...(name ? {name} : {}), ...(address ? {address} : {})};
		const protocol = row.kind === 'tcp' || row.kind === 'dns-tcp' ? 'TCP' : 'UDP';
		const from = text(record.localAddress) ?? 'this host';
		return {
			owner: 'oem',
			observed: 'open',
			layer: `${protocol} ${port ?? '?'} open (must be denied)`,
			rule: {action: 'deny', protocol, port: port ?? 0},
			destination,
			summary: `${protocol} ${port ?? '?'} from ${from} to ${name ?? address ?? '?'} is open but must be denied`,
			remediation: `Deny ${protocol} port ${port ?? '?'} from ${from} to ${name ?? address ?? '?'} in the switch ACL (only the DVM is unrestricted).`,
		};
	}

	switch (row.kind) {
		case 'dns-udp':
		case 'dns-tcp': {
			return typeof record.server === 'string' && typeof record.port === 'number' ? dnsDraft(record as DnsProbeRecord) : undefined;
		}

		case 'tls': {
			return typeof record.hostname === 'string' ? tlsDraft(record as TlsProbeRecord, port ?? 443) : undefined;
		}

		case 'tcp': {
			const name = nameFor(address, all);
			return port === undefined ? undefined : blockedFlow(record, 'TCP', port, {...(name ? {name} : {}), ...(address ? {address} : {})}, 'Connection');
		}

		case 'ntp': {
			return port === undefined ? undefined : blockedFlow(record, 'UDP', port, {...(address ? {address} : {})}, 'NTP');
		}

		case 'http': {
			const status = typeof record.status === 'number' ? record.status : undefined;
			if (status === 403 || status === 407 || (Array.isArray(record.proxyMarkers) && record.proxyMarkers.length > 0)) {
				const host = /^https?:\/\/([^/:]+)/.exec(record.target)?.[1];
				return {owner: 'proxy-security-team', observed: 'blocked by proxy', layer: `HTTP ${status ?? '?'} from a proxy`, destination: {...(host ? {name: host} : {})}, summary: `${record.target}: HTTP ${status ?? '?'} from a proxy`};
			}

			return undefined;
		}

		default: {
			return undefined;
		}
	}
}

function stepFindings(step: ReportStep, phaseId: string, site: SiteValues, waived: boolean): Finding[] {
	const check = step.check;
	const base = {phaseId, stepId: step.id, stepTitle: step.title, ...(check ? {checkId: check.checkId, measuredAt: check.startedAt} : {}), waived};
	const evidence = check?.evidence ?? [];
	const drafts = check?.owner && networkOwners.has(check.owner)
		? evidenceRows(evidence).filter(row => !row.ok).flatMap(row => {
			const draft = draftOf(row, evidence);
			return draft ? [{draft, row}] : [];
		})
		: [];
	if (drafts.length === 0) {
		const summary = check?.summary ?? step.command?.failure ?? `${step.title}: ${step.resultState ?? step.state}`;
		const owner: FixOwner = check?.owner ?? 'operator';
		return [{...base, id: `${step.id}#1`, owner, observed: 'failed', layer: summary, destination: {}, summary, evidence: evidenceRows(evidence).filter(row => !row.ok), ...(check?.remediation ? {remediation: check.remediation} : {})}];
	}

	// Probes of one step that one fix covers (the same forwarder asked for four names) are one finding.
	const merged = new Map<string, Finding>();
	for (const {draft, row} of drafts) {
		const source = sourceOf(text(row.records.at(-1)!.localAddress), site);
		const key = JSON.stringify([draft.owner, draft.layer, draft.rule, source?.range, draft.destination.address ?? draft.destination.name]);
		const existing = merged.get(key);
		if (existing) {
			existing.evidence.push(row);
			continue;
		}

		merged.set(key, {...base, ...draft, id: `${step.id}#${merged.size + 1}`, evidence: [row], ...(source ? {source} : {})});
	}

	return [...merged.values()];
}

/** Whether a step's current result is a failure someone must fix (or had to, for an override). */
function failing(step: ReportStep): {failing: boolean; waived: boolean} {
	if (step.state === 'failed' || step.state === 'error') {
		return {failing: true, waived: false};
	}

	const waived = step.state === 'overridden' && (step.resultState === 'failed' || step.resultState === 'error');
	return {failing: waived, waived};
}

/** Every finding of a report, in runbook order. Pure. */
export function findingsOf(report: Report): Finding[] {
	const site = siteValuesOf(report);
	return report.phases.flatMap(phase => phase.steps.flatMap(step => {
		const state = failing(step);
		return state.failing ? stepFindings(step, phase.id, site, state.waived) : [];
	}));
}
