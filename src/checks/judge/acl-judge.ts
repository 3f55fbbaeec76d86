import {cidrContains, parseCidr, parseIpv4} from '../../inputs/ipv4.js';
import type {FixOwner, ProbeRecord} from '../types.js';
import {deviceOf} from '../owners.js';
import type {Judgement} from './verdict.js';

export type FlowProtocol = 'tcp' | 'dns' | 'dns-tcp' | 'ntp';

/**
A flow to probe and what the ACL must do with it. `confirm`: the design may permit it (the OEM's
HLH tool VM may reach HTTPS beyond the border), so open is a warning to confirm with `owner`.
`owner` fixes a deny found open or confirms a `confirm` flow (default: the firewall team).
*/
export type Flow = {host: string; port: number; protocol: FlowProtocol; expect: 'allow' | 'deny' | 'confirm'; label?: string; expectedSource?: string[]; owner?: FixOwner};

/** How the network treated a flow. */
export type FlowOutcome = 'open' | 'refused' | 'dropped' | 'unreachable' | 'aborted' | 'error';

const describe: Record<FlowOutcome, string> = {
	open: 'open',
	refused: 'refused by reset (TCP RST or ICMP port unreachable: a firewall reject, or nothing listens)',
	dropped: 'dropped (no answer before the timeout)',
	unreachable: 'rejected with ICMP unreachable / administratively prohibited',
	aborted: 'not tested: stopped by the operator',
	error: 'failed',
};

/** Errors about a reply that did arrive (so the packets passed), or a TCP connection that opened. */
const replyArrived = new Set([
	'ID_MISMATCH', 'NOT_A_RESPONSE', 'TRUNCATED_MESSAGE', 'COMPRESSION_LOOP', 'SHORT_HEADER', 'BAD_LABEL', 'NAME_TOO_LONG', 'TOO_MANY_RECORDS', 'BAD_RDATA', 'TRUNCATED', 'NODATA', 'CLOSED_WITHOUT_REPLY',
	'SHORT_REPLY', 'BAD_MODE', 'BAD_VERSION', 'BAD_ORIGIN', 'ZERO_TRANSMIT', 'KISS_OF_DEATH',
]);

/**
Classifies a probe record as a network outcome. Any reply at all (even DNS REFUSED or an invalid NTP
packet) proves the packets passed the ACL, so it is `open`. Pure.
*/
export function classifyFlow(record: ProbeRecord): FlowOutcome {
	const code = record.errorCode;
	if (record.ok || record.rcode !== undefined || record.stratum !== undefined || record.replyBytes !== undefined) {
		return 'open';
	}

	if (code === 'TIMEOUT') {
		// A TCP DNS connection that opened but got no reply still passed the ACL.
		return record.connected === true ? 'open' : 'dropped';
	}

	if (code === 'ECONNREFUSED' || code === 'ECONNRESET') {
		return 'refused';
	}

	if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EACCES' || code === 'EPERM') {
		return 'unreachable';
	}

	if (code === 'ABORTED') {
		return 'aborted';
	}

	return code && replyArrived.has(code) ? 'open' : 'error';
}

const protocolText: Record<FlowProtocol, string> = {tcp: 'TCP', dns: 'UDP', 'dns-tcp': 'TCP', ntp: 'UDP'};

/**
Verdict for one flow. A deny passes only when the flow is blocked. With an expected source network,
a flow measured from an address outside it proves nothing about the rule for that network:
"passed, but from the wrong source" fails (so a gate cannot open on a test from the wrong host).
*/
export function judgeFlow(flow: Flow, record: ProbeRecord): Judgement & {outcome: FlowOutcome} {
	const outcome = classifyFlow(record);
	const source = record.localAddress;
	const name = flow.label ? `${flow.label} (${protocolText[flow.protocol]} ${flow.host}:${flow.port})` : `${protocolText[flow.protocol]} ${flow.host}:${flow.port}`;
	const from = source ?? "this host's address";
	if (outcome === 'aborted') {
		return {outcome, status: 'skipped', summary: `${name}: ${describe.aborted}`};
	}

	const blocked = outcome === 'refused' || outcome === 'dropped' || outcome === 'unreachable';
	if (flow.expectedSource && flow.expectedSource.length > 0 && source) {
		const parsed = flow.expectedSource.map(text => parseCidr(text));
		const invalid = flow.expectedSource.filter((_, index) => !parsed[index]!.ok);
		if (invalid.length > 0) {
			return {outcome, status: 'error', summary: `${name}: expected source ${invalid.join(', ')} is not a network in CIDR form`};
		}

		const address = parseIpv4(source);
		const inside = parsed.some(cidr => cidr.ok && address !== undefined && cidrContains(cidr.cidr, address));
		if (address !== undefined && !inside) {
			const expected = flow.expectedSource.join(', ');
			const what = blocked ? `${describe[outcome]}, but tested` : 'passed, but';
			return {
				outcome,
				status: 'fail',
				summary: `${name}: ${what} from the wrong source ${source} (expected ${expected})`,
				remediation: `Re-run this check from a host whose address is in ${expected}: a result from ${source} says nothing about the rule for that network.`,
				owner: 'operator',
			};
		}
	}

	if (record.errorCode === 'UNRESOLVED') {
		// The name, not the flow, failed: a DNS finding, never a firewall one. A deny cannot be proven
		// without an address, so it stays an error (not evaluated); an allow that cannot resolve fails.
		const reason = typeof record.reason === 'string' ? record.reason : 'no address';
		return {outcome, status: flow.expect === 'allow' ? 'fail' : 'error', summary: `${name}: cannot test the flow: ${reason}`, remediation: `Make ${flow.host} resolve through the DNS forwarders, or give the flow as an IP address.`, owner: 'dns-team'};
	}

	if (outcome === 'error') {
		return {outcome, status: 'error', summary: `${name}: could not probe (${record.errorCode ?? 'unknown'})`};
	}

	const proto = protocolText[flow.protocol];
	if (flow.expect === 'allow') {
		return blocked
			? {outcome, status: 'fail', summary: `${name} must be allowed from ${from} but is ${describe[outcome]}`, remediation: `Allow ${proto} port ${flow.port} from ${from} to ${flow.host} in ${deviceOf(flow.owner)}.`, owner: flow.owner ?? 'firewall-team'}
			: {outcome, status: 'pass', summary: `${name} is open from ${from} as required`};
	}

	if (flow.expect === 'confirm') {
		return blocked
			? {outcome, status: 'pass', summary: `${name} is blocked from ${from}: ${describe[outcome]}`}
			: {outcome, status: 'warn', summary: `${name} is open from ${from}: confirm that the ACL design permits it`, remediation: `Ask the ${flow.owner === 'oem' ? 'OEM' : 'owner of the ACL design'} to confirm that ${proto} port ${flow.port} from ${from} to ${flow.host} is part of the design; if not, deny it in the switch ACL.`, owner: flow.owner ?? 'firewall-team'};
	}

	return blocked
		? {outcome, status: 'pass', summary: `${name} is blocked from ${from} as required: ${describe[outcome]}`}
		: {outcome, status: 'fail', summary: `${name} must be denied from ${from} but is open`, remediation: `Deny ${proto} port ${flow.port} from ${from} to ${flow.host} in the switch ACL (only the DVM is unrestricted).`, owner: flow.owner ?? 'firewall-team'};
}

/**
Every flow that should be restricted (deny or confirm, at least two) open from the right source:
the ACL does not restrict this host at all, one finding for whoever owns the design. Pure.
*/
export function judgeUnrestricted(flows: ReadonlyArray<{flow: Flow; outcome: FlowOutcome; verdict: Judgement}>): Judgement | undefined {
	const restricted = flows.filter(item => item.flow.expect !== 'allow');
	const fromWrongPlace = restricted.some(item => item.verdict.owner === 'operator');
	if (restricted.length < 2 || fromWrongPlace || !restricted.every(item => item.outcome === 'open')) {
		return undefined;
	}

	const owner = restricted.find(item => item.flow.owner)?.flow.owner ?? 'firewall-team';
	return {
		status: 'fail',
		summary: `all ${restricted.length} flows that should be restricted are open (${restricted.map(item => `${protocolText[item.flow.protocol]} ${item.flow.host}:${item.flow.port}`).join(', ')}): the ACL does not restrict this host`,
		remediation: `Reapply the generated switch ACL: ${owner === 'oem' ? 'the OEM' : 'its owner'} must restrict this host to the flows the design permits.`,
		owner,
	};
}
