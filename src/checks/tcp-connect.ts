import net from 'node:net';
import {z} from 'zod';
import {judgeTcpConnect, judgeUnresolved} from './judge/tcp-connect-judge.js';
import {probesOf} from './probes/real-probes.js';
import {resolveThroughForwarders} from './probes/resolve.js';
import {startRun} from './result.js';
import type {CheckDefinition, ProbeRecord} from './types.js';

const params = z.strictObject({
	host: z.string().min(1),
	port: z.number().int().min(1).max(65_535),
	timeoutMs: z.number().int().positive().max(60_000).optional(),
});

/** `tcp.connect`: can this host open a TCP connection to host:port? */
export const tcpConnect: CheckDefinition<typeof params> = {
	id: 'tcp.connect',
	title: 'TCP connection',
	description: 'Opens a TCP connection to a host and port (a name resolved through the DNS forwarders) and tells apart dropped, refused, unreachable and names that do not resolve.',
	params,
	async run(input, context) {
		const run = startRun('tcp.connect');
		const timeoutMs = input.timeoutMs ?? context.timeoutMs;
		const probes = probesOf(context);
		const evidence: ProbeRecord[] = [];
		let address = input.host;
		if (net.isIP(input.host) === 0) {
			// Never the OS resolver: the deployment resolves through the forwarders, and a getaddrinfo call
			// can neither be bounded nor cancelled (it would outlive the check's timeout).
			const resolution = await resolveThroughForwarders(input.host, context.dnsServers, timeoutMs, context.signal, probes);
			evidence.push(...resolution.records);
			if (!resolution.address) {
				return run.finish(judgeUnresolved(input.host, input.port, resolution), evidence);
			}

			address = resolution.address;
		}

		const record = await probes.tcp({host: address, port: input.port, timeoutMs, signal: context.signal});
		evidence.push(record);
		return run.finish(judgeTcpConnect(record, input.host, input.port, address === input.host ? {} : {address, resolvedVia: 'forwarders'}), evidence);
	},
};
