import type {DnsProbeRecord} from '../probes/dns-probe.js';
import {describeMalformedDns} from './malformed-reply.js';
import type {Judgement} from './verdict.js';

/** Addresses a DNS filter answers with instead of the real one. */
export function isSinkholeAddress(address: string): boolean {
	return address === '0.0.0.0' || address.startsWith('127.') || address === '::' || address === '::1';
}

/** The server as the worksheet writes it: `ip`, or `ip:port` when not 53. */
export function dnsServerLabel(record: Pick<DnsProbeRecord, 'server' | 'port'>): string {
	if (record.port === 53) {
		return record.server;
	}

	return record.server.includes(':') ? `[${record.server}]:${record.port}` : `${record.server}:${record.port}`;
}

/**
Classifies one DNS probe record: what went wrong on the wire, who fixes it and how,
with the site's own server, name and source address in the text. Pure.
*/
export function judgeDnsRecord(record: DnsProbeRecord): Judgement {
	const via = `${record.transport.toUpperCase()} ${dnsServerLabel(record)}`;
	const who = `${record.name} via ${via}`;
	const from = record.localAddress ?? "this host's address";
	const allow = `Allow ${record.transport.toUpperCase()} port ${record.port} from ${from} to ${record.server}`;
	const code = record.errorCode;
	if (record.ok) {
		const sinkholed = (record.addresses ?? []).filter(address => isSinkholeAddress(address));
		if (sinkholed.length > 0) {
			return {
				status: 'fail',
				summary: `${who} is sinkholed: answered ${sinkholed.join(', ')}`,
				remediation: `Remove ${record.name} from the DNS filter or blocklist on ${record.server} (or its upstream); it must resolve to the real service.`,
				owner: 'dns-team',
			};
		}

		if (record.ra === false) {
			return {
				status: 'warn',
				summary: `${who} answered but does not offer recursion (RA not set)`,
				remediation: `Make ${record.server} a recursive forwarder for ${from}; Azure Stack Hub forwards every external name to it.`,
				owner: 'dns-team',
			};
		}

		const truncated = record.tc ? ' (TC set: the full answer needs TCP)' : '';
		return {status: 'pass', summary: `${who} answered ${(record.addresses ?? []).join(', ')} in ${record.durationMs} ms${truncated}`};
	}

	switch (code) {
		case 'ABORTED': {
			return {status: 'skipped', summary: `${who} was not tested: stopped by the operator`};
		}

		case 'NXDOMAIN': {
			return {status: 'fail', summary: `${who}: NXDOMAIN (the forwarder says the name does not exist)`, remediation: `Make ${record.server} resolve public names such as ${record.name} (check its forwarding or root hints).`, owner: 'dns-team'};
		}

		case 'SERVFAIL': {
			return {status: 'fail', summary: `${who}: SERVFAIL (the forwarder could not resolve it upstream)`, remediation: `Fix upstream resolution on ${record.server}: its own forwarders or internet DNS are failing for ${record.name}.`, owner: 'dns-team'};
		}

		case 'REFUSED': {
			return {status: 'fail', summary: `${who}: REFUSED (recursion refused for this source)`, remediation: `Allow recursive queries from ${from} on ${record.server}.`, owner: 'dns-team'};
		}

		case 'NODATA': {
			return {status: 'fail', summary: `${who}: NOERROR but no ${record.qtype} record`, remediation: `Check why ${record.server} returns no ${record.qtype} record for ${record.name}.`, owner: 'dns-team'};
		}

		case 'TRUNCATED': {
			return {status: 'warn', summary: `${who}: reply truncated (TC) with no answer: resolution needs TCP 53`, remediation: `${allow.replace(/UDP/, 'TCP')}.`, owner: 'firewall-team'};
		}

		case 'TIMEOUT': {
			if (record.transport === 'tcp' && record.connected) {
				return {status: 'fail', summary: `${who}: TCP connection opened but no reply`, remediation: `Check the DNS service on ${record.server}: it accepts TCP 53 but does not answer.`, owner: 'dns-team'};
			}

			return {status: 'fail', summary: `${who}: no answer (dropped by a firewall, or the server is down)`, remediation: `${allow}, and check that ${record.server} is up.`, owner: 'firewall-team'};
		}

		case 'ECONNREFUSED': {
			return {status: 'fail', summary: `${who}: port closed (${record.transport === 'udp' ? 'ICMP port unreachable' : 'TCP reset'}): no DNS service there, or a firewall rejects it`, remediation: `Check that ${record.server} runs DNS on ${record.transport.toUpperCase()} ${record.port}; if it does, ${allow.charAt(0).toLowerCase()}${allow.slice(1)}.`, owner: 'dns-team'};
		}

		case 'EHOSTUNREACH':
		case 'ENETUNREACH': {
			return {status: 'fail', summary: `${who}: unreachable (ICMP unreachable or administratively prohibited)`, remediation: `${allow}; check routing to ${record.server}.`, owner: 'firewall-team'};
		}

		default: {
			const malformed = describeMalformedDns(record);
			if (malformed) {
				// The server's fault unless proven otherwise: nothing here points at a device on the path.
				return {status: 'fail', summary: `${who}: invalid reply: ${malformed}`, remediation: `Fix or replace the DNS service at ${record.server}: it answers ${record.transport.toUpperCase()} ${record.port} with invalid replies (${code}).`, owner: 'dns-team'};
			}

			return {status: 'fail', summary: `${who}: failed (${code ?? 'unknown error'})`, remediation: `${allow}.`, owner: 'network-team'};
		}
	}
}
