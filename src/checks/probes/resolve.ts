import {parseServerAddress} from '../dns/server-address.js';
import type {ProbeSet} from '../types.js';
import type {DnsProbeRecord} from './dns-probe.js';
import {realProbes} from './real-probes.js';

export type Resolution = {address?: string; addresses: string[]; records: DnsProbeRecord[]; reason: string; aborted?: boolean};

/**
Resolves a name to IPv4 addresses through the configured forwarders, one after another until one
answers: the deployment resolves through them, so the system resolver would prove nothing (and inside
a lab namespace it would leak to the host's resolver). Queries go through `probes` (default: the
network). Never rejects.
*/
export async function resolveThroughForwarders(name: string, servers: readonly string[], timeoutMs: number, signal: AbortSignal, probes: Pick<ProbeSet, 'dns'> = realProbes): Promise<Resolution> {
	const records: DnsProbeRecord[] = [];
	if (servers.length === 0) {
		return {addresses: [], records, reason: 'no DNS forwarders configured to resolve it'};
	}

	for (const server of servers) {
		const address = parseServerAddress(server, 53);
		if (!address) {
			continue;
		}

		const record = await probes.dns({server: address.host, port: address.port, name, transport: 'udp', timeoutMs, signal});
		records.push(record);
		if (record.ok && record.addresses && record.addresses.length > 0) {
			return {address: record.addresses[0], addresses: record.addresses, records, reason: `resolved via ${address.text}`};
		}

		if (record.errorCode === 'ABORTED') {
			return {addresses: [], records, reason: 'stopped by the operator', aborted: true};
		}
	}

	const last = records.at(-1);
	return {addresses: [], records, reason: last ? `${name} did not resolve through the forwarders (${last.errorCode ?? 'no address'} from ${last.server})` : 'no usable DNS forwarder address'};
}
