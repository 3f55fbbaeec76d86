import type {DnsProbeRecord} from '../probes/dns-probe.js';
import type {ProbeRecord} from '../types.js';
import {listed, readDelegatedReply, readParentReply, sameName, shown} from './delegation-reply.js';
import {dnsServerLabel} from './dns-outcome.js';
import {describeMalformedDns} from './malformed-reply.js';
import {judgeSilence} from './silent-loss.js';
import {combineJudgements, type Judgement} from './verdict.js';

/** One zone to check: the infrastructure zone or the zone of DNS name labels (cloudapp). */
export type DelegationZone = {
	zone: string;
	/** The names Microsoft gives the Azure Stack Hub DNS servers (`<prefix>-ns01.<region>.<domain>`, -ns02). */
	expectedNames: string[];
	/** The cloudapp zone is needed only where tenants use DNS name labels: its findings are warnings. */
	optional: boolean;
};

export type DelegationPlan = {
	zones: DelegationZone[];
	/** The servers of the parent zone (`ip` or `ip:port` labels, as asked). */
	parentServers: string[];
	/** The Azure Stack Hub DNS servers the zone must be delegated to. */
	delegatedServers: string[];
};

/**
The probe records a judgement reads: `role` says which question a record answers. `parent`: NS of the
zone at a parent server (RD=0); `forward`: the SOA of the zone at the same server with recursion, asked
only when it gave no referral (it may reach the zone by conditional forwarding, which Microsoft
recommends); `delegated`: the SOA at a delegated server (RD=0). Second looks carry `secondLook`.
*/
export type DelegationRecord = DnsProbeRecord & {role: 'parent' | 'forward' | 'delegated'; zone: string};

function serverOf(label: string): string {
	return label.replace(/^\[(.*)\](?::\d+)?$/, '$1').replace(/^([\d.]+):\d+$/, '$1');
}

/** The verdict for a reply that never came (silent, rejected, malformed, stopped), with a second look when there was one. */
function judgeNoReply(record: DelegationRecord, looks: readonly ProbeRecord[], role: string, serverOwner: 'dns-team' | 'operator'): Judgement {
	const where = `${record.transport.toUpperCase()} ${dnsServerLabel(record)}`;
	const what = `${record.zone} ${record.qtype} via ${where}`;
	const from = record.localAddress ?? "this host's address";
	if (record.errorCode === 'ABORTED') {
		return {status: 'skipped', summary: `${what} was not asked: stopped by the operator`};
	}

	const malformed = describeMalformedDns(record);
	if (malformed) {
		return {status: 'fail', summary: `${what}: ${malformed}`, remediation: `${record.server} (${role}) sends broken DNS replies; have its owner fix or replace it.`, owner: serverOwner};
	}

	if (record.errorCode === 'TIMEOUT') {
		const silent = judgeSilence({kind: record.kind, what, service: `${record.transport.toUpperCase()} ${record.port}`, server: record.server, from, serverOwner, role}, [record, ...looks]);
		return silent ?? {status: 'fail', summary: `${what}: no answer (timeout): ${role} is down or the address is wrong, or a firewall drops DNS to it`, remediation: `Check that ${record.server} is ${role} and allow UDP and TCP 53 from ${from} to it.`, owner: serverOwner};
	}

	const code = record.errorCode ?? 'no reply';
	return {status: 'fail', summary: `${what}: ${code === 'ECONNREFUSED' ? 'rejected (ICMP port unreachable or reset): nothing serves DNS there, or a firewall rejects it' : code}`, remediation: `Check that ${record.server} is ${role} and that UDP and TCP 53 from ${from} reach it.`, owner: serverOwner};
}

/** A parent's verdict; `via` marks a zone reached by conditional forwarding rather than a referral. */
type ParentJudgement = Judgement & {via?: 'forwarding' | 'answer'};

function judgeParent(record: DelegationRecord, plan: DelegationPlan, zone: DelegationZone, looks: readonly ProbeRecord[], forward: DelegationRecord | undefined, delegatedSoas: readonly string[]): ParentJudgement {
	const parent = dnsServerLabel(record);
	const reply = readParentReply(record, zone.zone);
	const add = `On the DNS servers of the parent zone, add NS records for ${zone.zone} naming ${listed(zone.expectedNames)}, with glue A records ${listed(plan.delegatedServers)}, or a conditional forwarder for ${zone.zone} to ${listed(plan.delegatedServers)}.`;
	if (reply.kind === 'no-reply') {
		return judgeNoReply(record, looks, "the parent zone's DNS server", 'dns-team');
	}

	if (reply.kind === 'delegated') {
		const verdict = judgeNameServers(parent, reply.how, reply.nameServers, reply.glue, plan, zone);
		// An NS answer instead of a referral: a conditional forwarder relays it (dnsmasq keeps the AA bit of
		// the answer it relays, so AA cannot tell that from a server that holds a copy of the zone).
		return reply.how === 'answer' ? {...verdict, via: 'answer'} : verdict;
	}

	// No referral. It may still reach the zone by conditional forwarding: the forward look says so.
	// A forwarded answer never carries AA (the forwarder is not the zone's authority), so AA is not asked of it.
	const forwarded = forward ? readDelegatedReply({...forward, aa: true}, zone.zone) : undefined;
	if (forwarded?.kind === 'authoritative') {
		const matches = delegatedSoas.length === 0 || delegatedSoas.includes(forwarded.soa);
		return matches
			? {status: 'pass', summary: `${zone.zone}: ${parent} gives no referral but resolves the zone by forwarding (its SOA matches the Azure Stack Hub DNS servers'): conditional forwarding is in place`, via: 'forwarding'}
			: {status: 'fail', summary: `${zone.zone}: ${parent} gives no referral and answers another SOA for the zone (${shown(forwarded.soa)}) than the Azure Stack Hub DNS servers: its forwarder or delegation points elsewhere`, remediation: add, owner: 'dns-team'};
	}

	if (reply.kind === 'missing') {
		const said = reply.rcode === 'NXDOMAIN' ? 'says the zone does not exist (NXDOMAIN)' : `has no NS records for it (NOERROR, no data${reply.soaOwner === undefined ? '' : `, SOA of ${shown(reply.soaOwner || '.')}`})`;
		const cause = reply.authoritative
			? 'the delegation is missing'
			: 'the delegation is missing, or this server does not host the parent zone (it answered without authority)';
		return {status: 'fail', summary: `${zone.zone}: no delegation: ${parent} ${said}: ${cause}`, remediation: add, owner: 'dns-team'};
	}

	if (reply.kind === 'upward') {
		return {status: 'fail', summary: `${zone.zone}: ${parent} does not serve the parent zone: it refers the query to the servers of ${shown(reply.referredTo)}; ask a server of the parent zone, or the delegation is missing`, remediation: `Enter the DNS servers that host the parent zone of ${zone.zone}; if these are they, ${add.charAt(0).toLowerCase()}${add.slice(1)}`, owner: 'dns-team'};
	}

	return {status: 'fail', summary: `${zone.zone}: ${parent} answers ${reply.rcode} for the zone's NS records: it does not host the parent zone, or refuses non-recursive queries from here`, remediation: `Ask the DNS team which servers host the parent zone of ${zone.zone} and that they answer queries from ${record.localAddress ?? 'this host'}; ${add.charAt(0).toLowerCase()}${add.slice(1)}`, owner: 'dns-team'};
}

function judgeNameServers(parent: string, how: 'referral' | 'answer', nameServers: readonly string[], glue: ReadonlyMap<string, string[]>, plan: DelegationPlan, zone: DelegationZone): Judgement {
	const delegated = new Set(plan.delegatedServers.map(label => serverOf(label)));
	const inZone = (name: string) => sameName(name, zone.zone) || name.toLowerCase().replace(/\.$/, '').endsWith(`.${zone.zone.toLowerCase().replace(/\.$/, '')}`);
	const described = nameServers.map(name => {
		const addresses = glue.get(name.toLowerCase().replace(/\.$/, '')) ?? [];
		const expectedName = zone.expectedNames.some(expected => sameName(expected, name));
		const right = addresses.length > 0 ? addresses.some(address => delegated.has(address)) : expectedName;
		return {name, addresses, right, missingGlue: addresses.length === 0 && inZone(name)};
	});
	const text = (item: (typeof described)[number]) => `${shown(item.name)}${item.addresses.length > 0 ? ` (${listed(item.addresses.map(address => shown(address)))})` : ''}`;
	const wrong = described.filter(item => !item.right);
	const expected = `${listed(zone.expectedNames)} at ${listed(plan.delegatedServers)}`;
	if (wrong.length > 0) {
		return {
			status: 'fail',
			summary: `${zone.zone}: the delegation points elsewhere: ${parent} names ${listed(described.map(item => text(item)))}, not the Azure Stack Hub DNS servers ${expected}`,
			remediation: `On the DNS servers of the parent zone, replace the NS records of ${zone.zone} with ${listed(zone.expectedNames)} and their glue with ${listed(plan.delegatedServers)} (if these addresses are right: check AzureStackStampInformation.json).`,
			owner: 'dns-team',
		};
	}

	const noGlue = described.filter(item => item.missingGlue);
	if (noGlue.length > 0) {
		return {
			status: 'fail',
			summary: `${zone.zone}: ${parent} delegates to ${listed(noGlue.map(item => shown(item.name)))} inside the zone itself without glue addresses: no resolver can reach them`,
			remediation: `Add glue A records for ${listed(noGlue.map(item => shown(item.name)))} (${listed(plan.delegatedServers)}) next to the NS records of ${zone.zone} on the parent zone's servers.`,
			owner: 'dns-team',
		};
	}

	const seen = new Set(described.flatMap(item => item.addresses));
	const unnamed = plan.delegatedServers.filter(label => described.some(item => item.addresses.length > 0) && !seen.has(serverOf(label)));
	if (unnamed.length > 0) {
		return {status: 'warn', summary: `${zone.zone}: ${parent} delegates to ${listed(described.map(item => text(item)))}, but not to ${listed(unnamed)}: one server failing takes the zone down`, remediation: `Add ${listed(unnamed)} to the delegation of ${zone.zone} on the parent zone's servers.`, owner: 'dns-team'};
	}

	const kind = how === 'referral' ? 'refers' : 'answers the NS records of';
	return {status: 'pass', summary: `${zone.zone}: ${parent} ${kind} ${how === 'referral' ? `${zone.zone} to` : `${zone.zone}:`} ${listed(described.map(item => text(item)))}`};
}

function judgeDelegated(record: DelegationRecord, looks: readonly ProbeRecord[]): Judgement {
	const server = dnsServerLabel(record);
	const reply = readDelegatedReply(record, record.zone);
	if (reply.kind === 'no-reply') {
		return judgeNoReply(record, looks, 'the Azure Stack Hub DNS server', 'operator');
	}

	if (reply.kind === 'lame') {
		return {
			status: 'fail',
			summary: `${record.zone}: lame delegation: ${server} answers ${reply.why}: it is not an Azure Stack Hub DNS server for this zone, or its zone is missing`,
			remediation: `Check that ${server} is an Azure Stack Hub DNS address (AzureStackStampInformation.json, or Get-AzureStackStampInformation on the privileged endpoint); if it is not, the delegation (and this step's input) must name the right ones; if it is, open a support case: the stamp's external DNS does not serve the deployment's zones.`,
			owner: 'operator',
		};
	}

	return {status: 'pass', summary: `${record.zone}: ${server} answers the SOA with authority (${shown(reply.soa.split(' ')[0] ?? '')})`};
}

/** The second look taken at a record's server: its DNS probes name the server, its TCP probe only has a target. */
function lookFor(records: readonly ProbeRecord[], record: DelegationRecord): ProbeRecord[] {
	const host = record.server.includes(':') ? `[${record.server}]` : record.server;
	return records.filter(item => item.secondLook === true && (item.server === record.server || item.target.startsWith(`tcp://${host}:`)));
}

/**
The verdict on a zone's delegation, from every record together. Pure. Per zone: each parent server
must refer the zone to the Azure Stack Hub DNS servers (or reach it by conditional forwarding), and
each delegated server must answer the zone's SOA with authority. Findings on the optional cloudapp zone
are warnings. The worst finding leads; its owner is the DNS team for the parent zone, the operator for
the Azure Stack Hub DNS servers.
*/
export function judgeDelegation(plan: DelegationPlan, records: readonly DelegationRecord[]): Judgement {
	const evidence = records.filter(record => record.secondLook !== true);
	const items: ParentJudgement[] = [];
	for (const zone of plan.zones) {
		const ofZone = evidence.filter(record => sameName(record.zone, zone.zone));
		const delegatedRecords = ofZone.filter(record => record.role === 'delegated');
		const soas = delegatedRecords.map(record => readDelegatedReply(record, zone.zone)).flatMap(reply => (reply.kind === 'authoritative' ? [reply.soa] : []));
		const zoneItems = [
			...ofZone.filter(record => record.role === 'parent').map(record => judgeParent(record, plan, zone, lookFor(records, record), ofZone.find(item => item.role === 'forward' && item.server === record.server && item.port === record.port), soas)),
			...delegatedRecords.map(record => judgeDelegated(record, lookFor(records, record))),
		];
		items.push(...zoneItems.map(item => (zone.optional && item.status === 'fail' ? {...item, status: 'warn' as const, summary: `${item.summary} (needed only if tenants use DNS name labels)`} : item)));
	}

	const verdict = combineJudgements(items, 'delegation checks');
	if (verdict.status === 'pass') {
		const zones = plan.zones.map(zone => zone.zone).join(' and ');
		// A referral is a delegation; an NS answer or a recursive SOA from a parent's server is forwarding (or a copy of the zone).
		const how = items.some(item => item.via === 'forwarding')
			? `reached from ${listed(plan.parentServers)} by conditional forwarding (no referral)`
			: items.some(item => item.via === 'answer')
				? `answered by ${listed(plan.parentServers)} without a referral (conditional forwarding, or a copy of the zone there)`
				: `delegated by ${listed(plan.parentServers)}`;
		return {status: 'pass', summary: `${zones}: ${how} to ${listed(plan.delegatedServers)}, and every delegated server answers the SOA with authority`};
	}

	return verdict;
}
