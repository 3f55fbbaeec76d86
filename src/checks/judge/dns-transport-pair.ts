import type {DnsProbeRecord} from '../probes/dns-probe.js';
import type {ProbeRecord} from '../types.js';
import {dnsServerLabel, judgeDnsRecord} from './dns-outcome.js';
import {isSilent, judgeSilence} from './silent-loss.js';
import type {Judgement} from './verdict.js';

/** Suggested slowness limit: Windows DNS forwarding gives up on a forwarder after a few seconds. */
export const defaultSlowDnsMs = 1000;

/** Answers a forwarder may legitimately give one transport and not the other are not compared. */
const answerCodes = new Set(['NXDOMAIN', 'NODATA']);

/** What a record says about the name, as the operator would read it: its addresses, or NXDOMAIN / NODATA. */
function says(record: DnsProbeRecord): string | undefined {
	if (record.ok) {
		return (record.addresses ?? []).join(', ');
	}

	return answerCodes.has(record.errorCode ?? '') ? record.errorCode : undefined;
}

function cnames(record: DnsProbeRecord): string {
	return (record.answers ?? []).filter(answer => / CNAME /.test(answer)).sort().join('|');
}

/**
Whether UDP and TCP gave answers that contradict each other: one NXDOMAIN or NODATA and the other
addresses, or address sets with nothing in common. A load-balanced name rotates its addresses from
one query to the next behind the same CNAME chain; disjoint sets behind the same (non-empty) chain
are that, not a finding.
*/
function contradicts(udp: DnsProbeRecord, tcp: DnsProbeRecord): boolean {
	if (!udp.ok || !tcp.ok) {
		// NXDOMAIN on both is one answer, judged as such; NXDOMAIN against addresses is a contradiction.
		return udp.ok !== tcp.ok;
	}

	const tcpAddresses = new Set(tcp.addresses ?? []);
	if ((udp.addresses ?? []).some(address => tcpAddresses.has(address))) {
		return false;
	}

	const chain = cnames(udp);
	return chain === '' || chain !== cnames(tcp);
}

/**
Judges one server's UDP and TCP records for one name together (either may be missing). Pure.
- UDP truncated (TC) and TCP completing the answer is a working forwarder: the UDP record is not a finding.
- Contradicting answers are one finding naming both transports and both answers (DNS team).
- An answer slower than `slowMs` is a warn naming the time (DNS team).
- A silent record (no reply, no connection) is judged with everything seen at the same address:
  `sameServer` (the check's records for that server) and `secondLook` (see `judgeSilence`).
Returns one judgement per finding, or one pass when there is none.
*/
export function judgeDnsTransports(udp: DnsProbeRecord | undefined, tcp: DnsProbeRecord | undefined, slowMs: number = defaultSlowDnsMs, atServer: {sameServer: readonly ProbeRecord[]; secondLook: readonly ProbeRecord[]} = {sameServer: [], secondLook: []}): Judgement[] {
	const any = (udp ?? tcp)!;
	const udpSays = udp ? says(udp) : undefined;
	const tcpSays = tcp ? says(tcp) : undefined;
	if (udp && tcp && udpSays !== undefined && tcpSays !== undefined && contradicts(udp, tcp)) {
		return [{
			status: 'fail',
			summary: `${any.name} via ${dnsServerLabel(any)}: UDP and TCP disagree: UDP says ${udpSays}, TCP says ${tcpSays}`,
			remediation: `Find what answers differently on UDP and TCP 53 for ${any.name} at ${any.server} (a DNS proxy, doctoring or a second server behind one transport); both must give the same answer.`,
			owner: 'dns-team',
		}];
	}

	const completedOverTcp = udp?.errorCode === 'TRUNCATED' && tcp?.ok === true;
	const judged = [udp, tcp]
		.filter((record): record is DnsProbeRecord => record !== undefined && !(record === udp && completedOverTcp))
		.map(record => slowness(record, slowMs) ?? silence(record, atServer) ?? judgeDnsRecord(record));
	const findings = judged.filter(item => item.status !== 'pass');
	if (findings.length > 0) {
		return findings;
	}

	return [judged[0] ?? {status: 'pass', summary: `${any.name} via ${dnsServerLabel(any)} answered`}];
}

/** The silent-loss verdict for a record no reply came back to, when a second look was taken. */
function silence(record: DnsProbeRecord, atServer: {sameServer: readonly ProbeRecord[]; secondLook: readonly ProbeRecord[]}): Judgement | undefined {
	if (!isSilent(record)) {
		return undefined;
	}

	const service = `${record.transport.toUpperCase()} ${record.port}`;
	return judgeSilence(
		{kind: record.kind, what: `${record.name} via ${record.transport.toUpperCase()} ${dnsServerLabel(record)}`, service, server: record.server, from: record.localAddress ?? "this host's address", serverOwner: 'dns-team', role: 'the DNS server'},
		[...atServer.sameServer, ...atServer.secondLook],
	);
}

/** A warn for a correct answer that came slower than `slowMs`, or undefined. */
function slowness(record: DnsProbeRecord, slowMs: number): Judgement | undefined {
	if (!record.ok || record.durationMs <= slowMs || judgeDnsRecord(record).status !== 'pass') {
		return undefined;
	}

	return {
		status: 'warn',
		summary: `${record.name} via ${record.transport.toUpperCase()} ${dnsServerLabel(record)} answered in ${record.durationMs} ms, slower than ${slowMs} ms`,
		remediation: `Make ${record.server} answer faster (its upstream or forwarding path is slow): Windows DNS gives up on a forwarder after a few seconds and tries the next.`,
		owner: 'dns-team',
	};
}

/** Whether any UDP answer was truncated and completed over TCP, for the pass summary. */
export function truncatedThenCompleted(records: readonly DnsProbeRecord[]): boolean {
	return records.some(udp => udp.transport === 'udp' && udp.errorCode === 'TRUNCATED'
		&& records.some(tcp => tcp.transport === 'tcp' && tcp.ok && tcp.server === udp.server && tcp.port === udp.port && tcp.name === udp.name));
}
