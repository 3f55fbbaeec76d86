import type {ProbeEvent, ProbeRecord, ProbeSet} from '../types.js';

/** A TCP port no DNS or time server listens on: a live host answers a connect to it with a reset. */
export const closedProbePort = 1;

/** A second look never waits longer than this, whatever the check's own timeout. */
export const maxSecondLookMs = 5000;

export type SecondLookOptions = {
	/** The address that stayed silent, and the port of the silent service. */
	server: string;
	port: number;
	protocol: 'dns' | 'ntp';
	/** DNS: the name to ask again. */
	name?: string;
	/** DNS: ask over TCP too (when the check did not already). */
	askTcp?: boolean;
	timeoutMs: number;
	signal: AbortSignal;
	probes: Pick<ProbeSet, 'dns' | 'ntpSample' | 'tcp'>;
	/** Progress of each probe of the look, for live rows. */
	onProbe?: (event: ProbeEvent) => void;
};

/**
One bounded second look at an address whose service stayed silent, to tell a filtered port from a
missing host: the same query from an unconnected socket (which sees a reply from another address),
DNS over TCP when not already asked, and a TCP connect to a port that should be closed (a live host
resets it). At most three probes, in parallel, each bounded by `maxSecondLookMs`; none when the run
is already stopped. The records are marked `secondLook` and keep their own timing.
*/
export async function secondLook(options: SecondLookOptions): Promise<ProbeRecord[]> {
	const {server, port, signal, probes} = options;
	if (signal.aborted) {
		return [];
	}

	const timeoutMs = Math.min(options.timeoutMs, maxSecondLookMs);
	const looks: Array<Promise<ProbeRecord>> = [];
	const look = (kind: string, target: string, probe: () => Promise<ProbeRecord>) => {
		const id = `second-look:${kind}:${target}`;
		options.onProbe?.({type: 'start', id, target: `second look: ${target}`, kind});
		looks.push(probe().then(record => {
			options.onProbe?.({type: 'end', id, record});
			return record;
		}));
	};

	const host = server.includes(':') ? `[${server}]` : server;
	if (options.protocol === 'dns') {
		const name = options.name ?? 'management.azure.com';
		look('dns-udp', `udp://${host}:${port} ${name} (unconnected)`, async () => probes.dns({server, port, name, transport: 'udp', unconnected: true, timeoutMs, signal}));
		if (options.askTcp) {
			look('dns-tcp', `tcp://${host}:${port} ${name}`, async () => probes.dns({server, port, name, transport: 'tcp', timeoutMs, signal}));
		}
	} else {
		look('ntp', `udp://${host}:${port} (unconnected)`, async () => probes.ntpSample({server, port, unconnected: true, timeoutMs, signal}));
	}

	look('tcp', `tcp://${host}:${closedProbePort}`, async () => probes.tcp({host: server, port: closedProbePort, timeoutMs, signal}));
	const records = await Promise.all(looks);
	return records.map(record => ({...record, secondLook: true}));
}
