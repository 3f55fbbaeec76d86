import {z} from 'zod';
import {judgeTcpConnect} from './judge/tcp-connect-judge.js';
import {probesOf} from './probes/real-probes.js';
import type {CheckDefinition} from './types.js';
import {vantageFrom} from './vantage.js';

const params = z.strictObject({
	host: z.string().min(1),
	port: z.number().int().min(1).max(65_535),
	timeoutMs: z.number().int().positive().max(60_000).optional(),
});

/** `tcp.connect`: can this host open a TCP connection to host:port? */
export const tcpConnect: CheckDefinition<typeof params> = {
	id: 'tcp.connect',
	title: 'TCP connection',
	description: 'Opens a TCP connection to a host and port and tells apart dropped, refused and unreachable.',
	params,
	async run(input, context) {
		const startedAt = new Date().toISOString();
		const started = performance.now();
		const record = await probesOf(context).tcp({
			host: input.host,
			port: input.port,
			timeoutMs: input.timeoutMs ?? context.timeoutMs,
			signal: context.signal,
		});
		const verdict = judgeTcpConnect(record, input.host, input.port);
		return {
			checkId: 'tcp.connect',
			...verdict,
			evidence: [record],
			startedAt,
			durationMs: Math.round(performance.now() - started),
			vantage: vantageFrom([record]),
		};
	},
};
