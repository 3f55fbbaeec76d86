import type {DnsProbeRecord} from '../probes/dns-probe.js';
import {dnsServerLabel, judgeDnsRecord} from './dns-outcome.js';
import {worstFirst, type Judgement} from './verdict.js';

const maxRemediations = 6;

/**
Verdict for `dns.forwarder` (servers as labelled by `dnsServerLabel`) from its probe records (every server × name × transport). Pure.
Fail when no forwarder answers everything; warn when fewer than two are configured, or only some
answer; the text names the worst finding and the exact server, name and transport.
*/
export function judgeDnsForwarders(servers: readonly string[], records: readonly DnsProbeRecord[]): Judgement {
	if (servers.length === 0) {
		return {status: 'error', summary: 'no DNS forwarders configured: enter them in the worksheet inputs first'};
	}

	const judged = records.map(record => ({record, ...judgeDnsRecord(record)}));
	if (judged.length > 0 && judged.every(item => item.status === 'skipped')) {
		return {status: 'skipped', summary: 'DNS forwarders were not tested: stopped by the operator'};
	}

	const good = servers.filter(server => {
		const own = judged.filter(item => dnsServerLabel(item.record) === server);
		return own.length > 0 && own.every(item => item.status === 'pass');
	});
	const problems = worstFirst(judged.filter(item => item.status !== 'pass'));
	const remediations = [...new Set(problems.map(item => item.remediation).filter((text): text is string => Boolean(text)))];
	const remediation = remediations.slice(0, maxRemediations).join('\n') + (remediations.length > maxRemediations ? `\n(+${remediations.length - maxRemediations} more in the evidence)` : '');
	const worst = problems[0];
	const transports = [...new Set(records.map(record => record.transport.toUpperCase()))].join(' and ');
	const names = new Set(records.map(record => record.name)).size;
	const slowest = Math.max(0, ...records.filter(record => record.ok).map(record => record.durationMs));

	if (!worst) {
		const summary = `${servers.length} forwarder${servers.length === 1 ? '' : 's'} answered ${names} name${names === 1 ? '' : 's'} over ${transports} (slowest ${slowest} ms)`;
		if (servers.length < 2) {
			return {
				status: 'warn',
				summary: `${summary}; only one forwarder is configured`,
				remediation: 'Ask the DNS team for a second forwarder: the deployment docs ask for two for fault tolerance.',
				owner: 'dns-team',
			};
		}

		return {status: 'pass', summary};
	}

	const more = problems.length > 1 ? ` (+${problems.length - 1} more findings)` : '';
	if (good.length === 0) {
		return {status: 'fail', summary: `no forwarder answers fully: ${worst.summary}${more}`, remediation, ...(worst.owner ? {owner: worst.owner} : {})};
	}

	const status = worst.status === 'fail' || servers.length - good.length > 0 ? 'warn' : worst.status;
	return {
		status,
		summary: `only ${good.length} of ${servers.length} forwarders answer fully (${good.join(', ')}): ${worst.summary}${more}`,
		remediation,
		...(worst.owner ? {owner: worst.owner} : {}),
	};
}
