import os from 'node:os';
import type {ProbeRecord, Vantage} from './types.js';

/** Builds the vantage of a result from the local addresses its probes recorded. */
export function vantageFrom(evidence: readonly ProbeRecord[]): Vantage {
	const addresses = new Set<string>();
	for (const record of evidence) {
		if (record.localAddress) {
			addresses.add(record.localAddress);
		}
	}

	return {host: os.hostname(), localAddresses: [...addresses].sort()};
}
