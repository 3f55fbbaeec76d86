import {z} from 'zod';
import {parseServerAddress} from './dns/server-address.js';
import {dnsServerLabel} from './judge/dns-outcome.js';
import {judgeDnsForwarders} from './judge/dns-forwarder-judge.js';
import {isSilent} from './judge/silent-loss.js';
import {limitConcurrency} from './limit-concurrency.js';
import type {DnsProbeRecord, DnsTransport} from './probes/dns-probe.js';
import {probesOf} from './probes/real-probes.js';
import {secondLook} from './probes/second-look.js';
import {asList, startRun} from './result.js';
import type {CheckDefinition} from './types.js';

/** The names deployment cannot do without: Azure Resource Manager and the identity endpoints. */
export const defaultDnsNames = ['management.azure.com', 'login.microsoftonline.com', 'login.windows.net', 'graph.windows.net'];

const params = z.strictObject({
	/** Forwarders to test (`ip` or `ip:port`); default: the session's DNS forwarders. */
	servers: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
	names: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
	transports: z.array(z.enum(['udp', 'tcp'])).min(1).optional(),
	timeoutMs: z.number().int().positive().max(60_000).optional(),
	concurrency: z.number().int().min(1).max(32).optional(),
	/** Answers slower than this (ms) are a warn; the step file keeps the site's limit. */
	slowMs: z.number().int().positive().max(60_000).optional(),
});

/** `dns.forwarder`: every forwarder resolves the names that matter, over UDP and TCP 53 separately. */
export const dnsForwarder: CheckDefinition<typeof params> = {
	id: 'dns.forwarder',
	title: 'DNS forwarders answer over UDP and TCP',
	description: 'Queries every DNS forwarder over UDP and TCP 53 for the identity and management names; judges both transports together (truncation TCP completes, answers that disagree), slow answers and the forwarder count; tells apart NXDOMAIN, SERVFAIL, REFUSED, dropped, closed and sinkholed answers.',
	params,
	async run(input, context) {
		const run = startRun('dns.forwarder');
		const servers = input.servers === undefined ? context.dnsServers : asList(input.servers);
		const parsed = servers.map(server => ({server, address: parseServerAddress(server, 53)}));
		const invalid = parsed.filter(item => !item.address).map(item => item.server);
		if (invalid.length > 0) {
			return run.finish({status: 'error', summary: `not an IP address: ${invalid.join(', ')} (a DNS forwarder is an IP, optionally with :port)`}, []);
		}

		const names = input.names === undefined ? defaultDnsNames : asList(input.names);
		const transports: DnsTransport[] = input.transports ?? ['udp', 'tcp'];
		const jobs = parsed.flatMap(({address}) => names.flatMap(name => transports.map(transport => ({address: address!, name, transport}))));
		const timeoutMs = input.timeoutMs ?? context.timeoutMs;
		const probes = probesOf(context);
		const records = await limitConcurrency<(typeof jobs)[number], DnsProbeRecord>(
			jobs,
			input.concurrency ?? 8,
			async job => {
				const id = `${job.transport}:${job.address.text}:${job.name}`;
				context.onProbe?.({type: 'start', id, target: `${job.transport}://${job.address.text} ${job.name}`, kind: `dns-${job.transport}`});
				const record = await probes.dns({server: job.address.host, port: job.address.port, name: job.name, transport: job.transport, timeoutMs, signal: context.signal});
				context.onProbe?.({type: 'end', id, record});
				return record;
			},
			{
				signal: context.signal,
				onSkipped: job => ({target: `${job.transport}://${job.address.text} ${job.name}`, kind: `dns-${job.transport}`, ok: false, durationMs: 0, errorCode: 'ABORTED', server: job.address.host, port: job.address.port, transport: job.transport, name: job.name, qtype: 'A'}),
			},
		);
		// A silent server gets one bounded second look (not one per name): filtered port, or nothing there?
		const silentServers = [...new Map(records.filter(record => isSilent(record)).map(record => [dnsServerLabel(record), record])).values()];
		const looks = await limitConcurrency(silentServers, input.concurrency ?? 8, async record => secondLook({server: record.server, port: record.port, protocol: 'dns', name: record.name, askTcp: !transports.includes('tcp'), timeoutMs, signal: context.signal, probes, ...(context.onProbe ? {onProbe: context.onProbe} : {})}), {signal: context.signal, onSkipped: () => []});
		const secondLooks = new Map(silentServers.map((record, index) => [dnsServerLabel(record), looks[index] ?? []]));
		const verdict = judgeDnsForwarders(parsed.map(item => item.address!.text), records, {...(input.slowMs === undefined ? {} : {slowMs: input.slowMs}), secondLooks});
		return run.finish(verdict, [...records, ...looks.flat()]);
	},
};
