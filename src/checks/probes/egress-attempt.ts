import net from 'node:net';
import type {EgressAttempt} from '../judge/egress-judge.js';
import type {ProbeRecord, ProbeSet} from '../types.js';
import {realProbes} from './real-probes.js';
import {resolveThroughForwarders} from './resolve.js';
import type {WebScheme} from './web-probe.js';

export type EgressAttemptOptions = {
	host: string;
	port: number;
	scheme: WebScheme;
	path: string;
	method: 'HEAD' | 'GET';
	dnsServers: readonly string[];
	extraCaPem: readonly string[];
	timeoutMs: number;
	signal: AbortSignal;
	/** Skip the HTTP request (the TLS check only looks at certificates). */
	noHttp?: boolean;
	/** Keep up to this many characters of the response body (an address echo); default none. */
	readBody?: number;
	/** Where the queries and connections go; default: the network. */
	probes?: Pick<ProbeSet, 'dns' | 'web'>;
};

/** One attempt at one endpoint: resolve through the forwarders, then one connection through the layers. */
export async function attemptEgress(options: EgressAttemptOptions): Promise<EgressAttempt> {
	const {host, port, scheme} = options;
	const probes = options.probes ?? realProbes;
	const base: EgressAttempt = {host, port, scheme, dns: []};
	let address = net.isIP(host) ? host : undefined;
	if (!address) {
		const resolution = await resolveThroughForwarders(host, options.dnsServers, options.timeoutMs, options.signal, probes);
		base.dns = resolution.records;
		address = resolution.address;
		if (!address) {
			return {...base, dnsReason: resolution.reason};
		}
	}

	const web = await probes.web({
		address,
		port,
		hostname: host,
		scheme,
		extraCaPem: options.extraCaPem,
		timeoutMs: options.timeoutMs,
		signal: options.signal,
		...(options.noHttp || scheme === 'tcp' ? {} : {http: {method: options.method, path: options.path, ...(options.readBody ? {readBody: options.readBody} : {})}}),
	});
	return {...base, address, tcp: web.tcp, ...(web.tls ? {tls: web.tls} : {}), ...(web.http ? {http: web.http} : {})};
}

/** The records of an attempt, in layer order, for the result's evidence. */
export function attemptRecords(attempt: EgressAttempt): ProbeRecord[] {
	return [...attempt.dns, ...[attempt.tcp, attempt.tls, attempt.http].filter((record): record is ProbeRecord => Boolean(record))];
}
