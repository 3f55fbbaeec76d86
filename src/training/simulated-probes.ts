import net from 'node:net';
import {parseHttpHead, proxyMarkers} from '../checks/http/parse-head.js';
import type {DnsProbeOptions, DnsProbeRecord} from '../checks/probes/dns-probe.js';
import type {NtpProbeRecord, NtpSampleOptions} from '../checks/probes/ntp-probe.js';
import type {TcpProbeOptions} from '../checks/probes/tcp-probe.js';
import type {HttpProbeRecord, TlsProbeRecord, WebProbeOptions, WebProbeResult} from '../checks/probes/web-probe.js';
import type {ProbeRecord, ProbeSet} from '../checks/types.js';
import {handshakeFields} from './certificates.js';
import {delegationReply} from './simulated-delegation.js';
import {pause} from './pause.js';
import type {VantageName} from './scenario-schema.js';
import type {FlowOutcome, World} from './world.js';

export type SimulationOptions = {
	/**
	Real time spent per simulated millisecond: 1 waits as long as the network would (a dropped packet
	costs the whole timeout), 0 answers at once (tests). Records always carry the simulated duration.
	*/
	timeScale: number;
	/** The clock NTP offsets and certificate dates are relative to. */
	now?: () => number;
};

/** Simulated round trips, in milliseconds: plausible for a site with a nearby forwarder and a far cloud. */
const latency = {dns: 14, tcp: 9, tls: 31, http: 42, ntp: 3};

const reasons: Record<number, string> = {200: 'OK', 301: 'Moved Permanently', 302: 'Found', 403: 'Forbidden', 404: 'Not Found', 407: 'Proxy Authentication Required', 502: 'Bad Gateway', 503: 'Service Unavailable'};

/** The error code a socket gets when the network refuses a flow. */
const flowErrors: Record<Exclude<FlowOutcome, 'connected'>, string> = {drop: 'TIMEOUT', reset: 'ECONNREFUSED', 'icmp-unreachable': 'EHOSTUNREACH'};

function authority(host: string, port: number): string {
	return `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/**
A probe set that answers from the simulated site instead of the network, from one vantage (its
source address). Each record has the shape and fields the real probe writes for the same outcome,
so the checks' own judgement code gives the verdict, summary, remediation and owner. Every probe
honours the AbortSignal and its timeout, and no socket is ever opened.
*/
export function simulatedProbes(world: World, vantage: VantageName, options: SimulationOptions): ProbeSet {
	const source = world.vantages[vantage];
	const now = options.now ?? (() => Date.now());
	// Names this vantage resolved, so a rule written with a name matches a flow to its address.
	const resolved = new Map<string, Set<string>>();
	const namesOf = (address: string) => [...(resolved.get(address) ?? [])];
	let ntpSamples = 0;

	/** Spends the simulated time (scaled); false when the operator stopped the run meanwhile. */
	const spend = async (ms: number, signal: AbortSignal) => !(await pause(ms * options.timeScale, signal));

	async function dns(probe: DnsProbeOptions): Promise<DnsProbeRecord> {
		const {server, port, name, transport, timeoutMs, signal} = probe;
		const type = probe.type ?? 'A';
		// An unconnected socket (a second look) has no source address of its own and records where replies came from.
		const unconnected = transport === 'udp' && probe.unconnected === true;
		const base = {target: `${transport}://${authority(server, port)} ${name} ${type}`, server, port, transport, name, qtype: type, kind: `dns-${transport}`, ...(probe.recursionDesired === false ? {recursionDesired: false} : {}), ...(unconnected ? {unconnected} : {localAddress: source})};
		const tcp = transport === 'tcp' ? {connected: false} : {};
		const failed = async (errorCode: string, ms: number, connected = false): Promise<DnsProbeRecord> => {
			const done = await spend(ms, signal);
			return {...base, durationMs: done ? ms : 0, ...(transport === 'tcp' ? {connected} : {}), ok: false, errorCode: done ? errorCode : 'ABORTED'};
		};

		if (signal.aborted) {
			return {...base, durationMs: 0, ...tcp, ok: false, errorCode: 'ABORTED'};
		}

		const flow = world.flow(vantage, server, port, transport);
		if (flow !== 'connected') {
			return failed(flowErrors[flow], flow === 'drop' ? timeoutMs : 1);
		}

		const rule = world.dnsRule(server, transport, name, vantage);
		// The site's delegation answers NS and SOA questions about its zones, unless a fault rule says otherwise.
		const delegated = rule || port !== 53 ? undefined : delegationReply(world.delegation, {server, name, type});
		const behaviour = rule?.behaviour ?? ((delegated ?? (port === 53 && world.dnsServers.has(server))) ? 'answer' : world.known(server) ? 'closed' : 'drop');
		if (behaviour === 'drop') {
			return failed('TIMEOUT', timeoutMs);
		}

		if (behaviour === 'closed') {
			return failed('ECONNREFUSED', 1);
		}

		if (!(await spend(latency.dns, signal))) {
			return {...base, durationMs: 0, ...tcp, ok: false, errorCode: 'ABORTED'};
		}

		const reply = {...base, durationMs: latency.dns, ...(transport === 'tcp' ? {connected: true} : {}), ...(unconnected ? {replyFrom: server} : {}), tc: false, aa: false};
		if (delegated) {
			return {...reply, ...delegated};
		}

		const rcode = {nxdomain: 'NXDOMAIN', servfail: 'SERVFAIL', refused: 'REFUSED'} as const;
		if (behaviour === 'nxdomain' || behaviour === 'servfail' || behaviour === 'refused') {
			// A header and the echoed question: 18 bytes plus the name.
			return {...reply, ok: false, errorCode: rcode[behaviour], rcode: rcode[behaviour], ra: behaviour !== 'refused', answers: [], addresses: [], replyBytes: name.length + 18};
		}

		const address = behaviour === 'sinkhole' ? '0.0.0.0' : world.address(name);
		if (type !== 'A') {
			return {...reply, ok: false, errorCode: 'NODATA', rcode: 'NOERROR', ra: true, answers: [], addresses: [], replyBytes: name.length + 18};
		}

		resolved.set(address, new Set([...(resolved.get(address) ?? []), name]));
		return {...reply, ok: true, rcode: 'NOERROR', ra: behaviour !== 'no-recursion', answers: [`${name} A ${address}`], addresses: [address], replyBytes: name.length + 34};
	}

	async function ntpSample(probe: NtpSampleOptions): Promise<NtpProbeRecord> {
		const {server, port, timeoutMs, signal} = probe;
		const base = {target: `udp://${authority(server, port)}`, kind: 'ntp', server, port, ...(probe.unconnected ? {unconnected: true} : {localAddress: source})};
		const failed = async (errorCode: string, ms: number): Promise<NtpProbeRecord> => {
			const done = await spend(ms, signal);
			return {...base, durationMs: done ? ms : 0, ok: false, errorCode: done ? errorCode : 'ABORTED'};
		};

		if (signal.aborted) {
			return {...base, durationMs: 0, ok: false, errorCode: 'ABORTED'};
		}

		const flow = world.flow(vantage, server, port, 'udp');
		if (flow !== 'connected') {
			return failed(flowErrors[flow], flow === 'drop' ? timeoutMs : 1);
		}

		const rule = world.ntpRule(server);
		const behaviour = rule ? rule.behaviour ?? 'good' : port === 123 && world.timeServers.has(server) ? 'good' : world.known(server) ? 'closed' : 'silent';
		if (behaviour === 'silent') {
			return failed('TIMEOUT', timeoutMs);
		}

		if (behaviour === 'closed') {
			return failed('ECONNREFUSED', 1);
		}

		if (!(await spend(latency.ntp, signal))) {
			return {...base, durationMs: 0, ok: false, errorCode: 'ABORTED'};
		}

		// A little jitter from sample to sample, as on a real network; deterministic, so runs repeat.
		const jitterMs = [0.412, -0.287, 0.153, -0.094][ntpSamples++ % 4]!;
		const reply = {...base, durationMs: latency.ntp, version: 4, precision: -23, ...(probe.unconnected ? {replyFrom: server} : {})};
		if (behaviour === 'kiss-of-death') {
			const kissCode = rule?.kissCode ?? 'DENY';
			return {...reply, ok: false, errorCode: 'KISS_OF_DEATH', kissCode, leapIndicator: 3, stratum: 0, referenceId: kissCode, rootDelayMs: 0, rootDispersionMs: 0};
		}

		const unsynchronised = behaviour === 'unsynchronised';
		const offsetMs = Math.round(((rule?.offsetSeconds ?? 0) * 1000 + jitterMs) * 1000) / 1000;
		return {
			...reply,
			ok: true,
			leapIndicator: unsynchronised ? 3 : 0,
			stratum: unsynchronised ? 0 : rule?.stratum ?? 2,
			referenceId: unsynchronised ? '00000000' : rule?.referenceId ?? '192.0.2.123',
			rootDelayMs: unsynchronised ? 1000 : 12.5,
			rootDispersionMs: unsynchronised ? 1000 : 25.1,
			offsetMs,
			delayMs: 0.9,
			serverTime: new Date(now() + offsetMs).toISOString(),
		};
	}

	async function tcp(probe: TcpProbeOptions): Promise<ProbeRecord> {
		const {host, port, timeoutMs, signal} = probe;
		const target = `tcp://${authority(host, port)}`;
		if (signal.aborted) {
			return {target, kind: 'tcp', durationMs: 0, ok: false, errorCode: 'ABORTED'};
		}

		// A name goes through the host's resolver, which in the simulation is the site's DNS.
		const address = world.address(host);
		// Names this vantage resolved to the address count too: checks resolve through the forwarders first.
		const flow = world.flow(vantage, address, port, 'tcp', [...(net.isIP(host) ? [] : [host]), ...namesOf(address)]);
		const ms = flow === 'connected' ? latency.tcp : flow === 'drop' ? timeoutMs : 1;
		if (!(await spend(ms, signal))) {
			return {target, kind: 'tcp', durationMs: 0, ok: false, errorCode: 'ABORTED'};
		}

		// The real probe reads the source address only once connected.
		return flow === 'connected' ? {target, kind: 'tcp', durationMs: ms, ok: true, localAddress: source} : {target, kind: 'tcp', durationMs: ms, ok: false, errorCode: flowErrors[flow]};
	}

	async function web(probe: WebProbeOptions): Promise<WebProbeResult> {
		const {address, port, hostname, scheme, timeoutMs, signal} = probe;
		const common = (durationMs: number) => ({durationMs, localAddress: source});
		const tcpTarget = `tcp://${authority(address, port)}`;
		const tlsTarget = `tls://${hostname}@${authority(address, port)}`;
		const httpTarget = `${scheme === 'tcp' ? 'http' : scheme}://${authority(hostname, port)}${probe.http?.path ?? '/'}`;
		const flow = world.flow(vantage, address, port, 'tcp', [hostname, ...namesOf(address)]);
		const tcpMs = flow === 'connected' ? latency.tcp : flow === 'drop' ? timeoutMs : 1;
		if (!(await spend(tcpMs, signal))) {
			return {tcp: {target: tcpTarget, kind: 'tcp', ok: false, errorCode: 'ABORTED', ...common(0)}};
		}

		if (flow !== 'connected') {
			return {tcp: {target: tcpTarget, kind: 'tcp', ok: false, errorCode: flowErrors[flow], ...common(tcpMs)}};
		}

		const out: WebProbeResult = {tcp: {target: tcpTarget, kind: 'tcp', ok: true, ...common(tcpMs)}};
		if (scheme === 'tcp') {
			return out;
		}

		if (scheme === 'https') {
			const rule = world.tlsRule(hostname, address, port);
			const kind = rule?.certificate ?? 'good';
			const tlsMs = kind === 'no-handshake' ? timeoutMs - tcpMs : latency.tls;
			if (!(await spend(tlsMs, signal))) {
				return {...out, tls: {target: tlsTarget, kind: 'tls', ok: false, hostname, handshake: false, errorCode: 'ABORTED', ...common(0)}};
			}

			if (kind === 'no-handshake') {
				return {...out, tls: {target: tlsTarget, kind: 'tls', ok: false, hostname, handshake: false, errorCode: 'TIMEOUT', ...common(tlsMs)}};
			}

			const tls: TlsProbeRecord = {target: tlsTarget, kind: 'tls', hostname, handshake: true, protocol: 'TLSv1.3', ...handshakeFields(hostname, kind, rule, now()), ...common(tlsMs)};
			out.tls = tls;
		}

		if (!probe.http) {
			return out;
		}

		if (!(await spend(latency.http, signal))) {
			return {...out, http: {target: httpTarget, kind: 'http', ok: false, errorCode: 'ABORTED', ...common(0)}};
		}

		// The response head goes through the real parser, so proxy markers are found the real way.
		const rule = world.httpRule(hostname, address, port);
		const status = rule?.status ?? 200;
		const headers = Object.entries(rule?.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`).join('');
		const head = parseHttpHead(`HTTP/1.1 ${status} ${rule?.reason ?? reasons[status] ?? ''}\r\n${headers}\r\n`)!;
		// Asked for a body, every simulated server is an address echo: the site has no NAT, it sees the vantage's own address.
		const body = probe.http.readBody ? {contentType: 'text/plain', body: `${source}\n`} : {};
		const http: HttpProbeRecord = {target: httpTarget, kind: 'http', ok: true, status: head.status, reason: head.reason, ...(head.headers.server ? {server: head.headers.server} : {}), proxyMarkers: proxyMarkers(head), ...body, ...common(latency.http)};
		return {...out, http};
	}

	return {
		dns,
		ntpSample,
		tcp,
		web,
		environment: () => ({...world.proxyEnv}),
		async winHttpProxy() {
			return world.winHttp === 'direct' ? {direct: true} : {direct: false, server: world.winHttp.server, ...(world.winHttp.bypass ? {bypass: world.winHttp.bypass} : {})};
		},
	};
}
