import type {ProbeRecord, ProbeSet} from '../types.js';

/** The second look takes at most this long per connection, whatever the check's own timeout. */
const maxLookMs = 5000;

/**
Ports no internet endpoint or datacenter server answers on: tcpmux (1), discard (9) and one high
random port (so a device that learned a fixed list cannot pass for closed).
*/
export function catchAllPorts(random: () => number = Math.random): number[] {
	return [1, 9, 49_152 + Math.floor(random() * 16_383)];
}

export type CatchAllLook = {
	address: string;
	/** One TCP connect per unrelated port, marked `secondLook: 'catch-all'`. */
	records: ProbeRecord[];
	/** Every unrelated port accepted the connection: something answers for the whole address. */
	acceptsEvery: boolean;
};

/**
A bounded second look at an address that accepted a connection it should not have (a deny flow
open, an endpoint that connects but never speaks TLS or HTTP): connects, in parallel, to a few ports
that must be closed. Each connect is bounded and cancellable and closes its socket at once.
*/
export async function lookForCatchAll(address: string, probes: Pick<ProbeSet, 'tcp'>, timeoutMs: number, signal: AbortSignal, ports: readonly number[] = catchAllPorts()): Promise<CatchAllLook> {
	const limit = Math.min(timeoutMs, maxLookMs);
	const records = await Promise.all(ports.map(async port => ({...(await probes.tcp({host: address, port, timeoutMs: limit, signal})), secondLook: 'catch-all'})));
	return {address, records, acceptsEvery: records.length > 0 && records.every(record => record.ok)};
}
