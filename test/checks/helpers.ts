import dgram from 'node:dgram';
import type {CheckContext} from '../../src/checks/types.js';

/** A check context for tests: short timeouts, no forwarders unless given. */
export function checkContext(overrides: Partial<CheckContext> = {}): CheckContext {
	return {signal: new AbortController().signal, timeoutMs: 1000, dnsServers: [], extraCaPem: [], ...overrides};
}

/** A loopback UDP port nothing listens on (bound, read, released). */
export async function freeUdpPort(): Promise<number> {
	const socket = dgram.createSocket('udp4');
	await new Promise<void>(resolve => socket.bind(0, '127.0.0.1', () => resolve()));
	const {port} = socket.address();
	await new Promise<void>(resolve => socket.close(() => resolve()));
	return port;
}
