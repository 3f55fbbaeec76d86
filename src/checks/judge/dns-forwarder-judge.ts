import type {DnsProbeRecord} from '../probes/dns-probe.js';
import type {ProbeRecord} from '../types.js';
import {dnsServerLabel} from './dns-outcome.js';
import {defaultSlowDnsMs, judgeDnsTransports, truncatedThenCompleted} from './dns-transport-pair.js';
import {mergeRemediations} from './merge-remediations.js';
import {worstFirst, type Judgement} from './verdict.js';

const maxRemediations = 6;

export type DnsForwarderOptions = {
	/** Answers slower than this are a warn (step-file data; default 1 s). */
	slowMs?: number;
	/** The second look taken at each silent server (by server label), see `judgeSilence`. */
	secondLooks?: ReadonlyMap<string, readonly ProbeRecord[]>;
};

/** The forwarder-count rule: a finding of its own, beside the servers' findings (the customer supplies the list). */
function countFinding(servers: readonly string[]): Judgement | undefined {
	if (servers.length >= 2) {
		return undefined;
	}

	return {
		status: 'warn',
		summary: `only one forwarder is configured (${servers[0]}): the deployment docs ask for two`,
		remediation: 'Add a second DNS forwarder to the worksheet before the values freeze: the deployment docs ask for two for fault tolerance, and the switch ACLs embed them.',
		owner: 'customer',
	};
}

/** One server's findings: its UDP and TCP records judged together, name by name. */
function serverFindings(server: string, records: readonly DnsProbeRecord[], slowMs: number, secondLook: readonly ProbeRecord[]): Judgement[] {
	const own = records.filter(record => dnsServerLabel(record) === server);
	const names = [...new Set(own.map(record => record.name))];
	return names.flatMap(name => {
		const udp = own.find(record => record.name === name && record.transport === 'udp');
		const tcp = own.find(record => record.name === name && record.transport === 'tcp');
		return judgeDnsTransports(udp, tcp, slowMs, {sameServer: own, secondLook});
	});
}

/**
Verdict for `dns.forwarder` (servers as labelled by `dnsServerLabel`) from its probe records (every server × name × transport). Pure.
Judges each server's transports together (a TC answer TCP completes is fine; UDP and TCP that disagree
are a finding), keeps the forwarder count as its own finding (customer), and leads the summary with
the most severe finding, then "+N more". Fail when no forwarder answers fully; warn when some do.
*/
export function judgeDnsForwarders(servers: readonly string[], records: readonly DnsProbeRecord[], options: DnsForwarderOptions = {}): Judgement {
	if (servers.length === 0) {
		return {status: 'error', summary: 'no DNS forwarders configured: enter them in the worksheet inputs first'};
	}

	if (records.length > 0 && records.every(record => record.errorCode === 'ABORTED')) {
		return {status: 'skipped', summary: 'DNS forwarders were not tested: stopped by the operator'};
	}

	const slowMs = options.slowMs ?? defaultSlowDnsMs;
	const perServer = servers.map(server => ({server, findings: serverFindings(server, records, slowMs, options.secondLooks?.get(server) ?? [])}));
	// A forwarder answers fully when no name failed on any transport; a slow answer or a warn is still an answer.
	const good = perServer.filter(item => item.findings.length > 0 && item.findings.every(finding => finding.status === 'pass' || finding.status === 'warn')).map(item => item.server);
	const count = countFinding(servers);
	// Server findings first: at equal severity the count rule never leads over what a server did.
	const problems = worstFirst([...perServer.flatMap(item => item.findings), ...(count ? [count] : [])].filter(item => item.status !== 'pass'));
	const remediations = mergeRemediations(problems.map(item => item.remediation).filter((text): text is string => Boolean(text)));
	const remediation = remediations.slice(0, maxRemediations).join('\n') + (remediations.length > maxRemediations ? `\n(+${remediations.length - maxRemediations} more in the evidence)` : '');
	const transports = [...new Set(records.map(record => record.transport.toUpperCase()))].join(' and ');
	const names = new Set(records.map(record => record.name)).size;
	const slowest = Math.max(0, ...records.filter(record => record.ok).map(record => record.durationMs));
	const answered = `${good.length} forwarder${good.length === 1 ? '' : 's'} answered ${names} name${names === 1 ? '' : 's'} over ${transports} (slowest ${slowest} ms)${truncatedThenCompleted(records) ? '; UDP answers were truncated (TC) and TCP completed them' : ''}`;
	const worst = problems[0];
	if (!worst) {
		return {status: 'pass', summary: answered};
	}

	const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
	const owner = worst.owner ? {owner: worst.owner} : {};
	if (good.length === servers.length) {
		// Only the count rule (or a warn on a good server) is left: the servers themselves answered.
		return {status: worst.status, summary: `${worst.summary}${more}; ${answered}`, remediation, ...owner};
	}

	if (worst.status === 'skipped') {
		return {status: 'skipped', summary: `DNS forwarders were not all tested: ${worst.summary}`};
	}

	if (good.length === 0) {
		return {status: 'fail', summary: `no forwarder answers fully: ${worst.summary}${more}`, remediation, ...owner};
	}

	return {
		status: 'warn',
		summary: `only ${good.length} of ${servers.length} forwarders answer fully (${good.join(', ')}): ${worst.summary}${more}`,
		remediation,
		...owner,
	};
}
