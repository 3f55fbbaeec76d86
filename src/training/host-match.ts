import {createHash} from 'node:crypto';
import {formatIpv4, parseIpv4} from '../inputs/ipv4.js';

/**
Whether a rule's host pattern (`*`, `*.domain`, a name or an address) covers a destination known by
any of `candidates` (its address and the names that resolve to it). Case-insensitive, like DNS.
*/
export function matchesHost(pattern: string, candidates: readonly string[]): boolean {
	const wanted = pattern.toLowerCase();
	if (wanted === '*') {
		return true;
	}

	return candidates.some(candidate => {
		const name = candidate.toLowerCase();
		return wanted.startsWith('*.') ? name.endsWith(wanted.slice(1)) : name === wanted;
	});
}

/** 198.18.0.0/15: the benchmarking range, so a simulated answer is never someone's real address. */
const simulatedBase = parseIpv4('198.18.0.0')!;
const simulatedSize = 2 ** 17;

/** The stable simulated address a public name resolves to when the scenario gives none. */
export function simulatedAddress(name: string): string {
	const digest = createHash('sha256').update(name.toLowerCase()).digest();
	// Skip .0 and .255 in each /24: they read like network and broadcast addresses.
	let offset = digest.readUInt32BE(0) % simulatedSize;
	if (offset % 256 === 0 || offset % 256 === 255) {
		offset += 7;
	}

	return formatIpv4(simulatedBase + offset);
}

/** Whether an address is one of the simulated public ones (the "internet" of the simulation). */
export function isSimulatedPublic(address: string): boolean {
	const value = parseIpv4(address);
	return value !== undefined && value >= simulatedBase && value < simulatedBase + simulatedSize;
}
