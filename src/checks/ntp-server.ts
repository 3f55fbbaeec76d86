import net from 'node:net';
import {z} from 'zod';
import {parseServerAddress} from './dns/server-address.js';
import {defaultNtpThresholds, judgeNtp} from './judge/ntp-judge.js';
import {combineJudgements, type Judgement} from './judge/verdict.js';
import {probeNtp} from './probes/ntp-probe.js';
import {isSilent} from './judge/silent-loss.js';
import {probesOf} from './probes/real-probes.js';
import {secondLook} from './probes/second-look.js';
import {resolveThroughForwarders} from './probes/resolve.js';
import {asList, startRun} from './result.js';
import type {CheckDefinition, ProbeRecord} from './types.js';

const params = z.strictObject({
	/** The worksheet's time server: one IPv4 address (an FQDN works but draws a warning). */
	server: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
	port: z.number().int().min(1).max(65_535).default(123),
	samples: z.number().int().min(1).max(8).default(4),
	timeoutMs: z.number().int().positive().max(60_000).optional(),
	passOffsetMs: z.number().positive().default(defaultNtpThresholds.passOffsetMs),
	warnOffsetMs: z.number().positive().default(defaultNtpThresholds.warnOffsetMs),
	failOffsetMs: z.number().positive().default(defaultNtpThresholds.failOffsetMs),
});

const fqdnWarning = 'the time server is a name: every switch must be able to resolve it (the docs ask for an IPv4 address)';

/** `ntp.server`: the time server answers SNTP with a sane offset, stratum and leap indicator. */
export const ntpServer: CheckDefinition<typeof params> = {
	id: 'ntp.server',
	title: 'NTP server answers with the right time',
	description: 'Takes several SNTP samples from the time server; judges offset (best sample), stratum, leap indicator and Kiss-o\'-Death.',
	params,
	async run(input, context) {
		const run = startRun('ntp.server');
		const timeoutMs = input.timeoutMs ?? context.timeoutMs;
		const evidence: ProbeRecord[] = [];
		const verdicts: Judgement[] = [];
		const probes = probesOf(context);
		for (const value of asList(input.server)) {
			let address = parseServerAddress(value, input.port);
			let note = '';
			if (!address && !net.isIP(value)) {
				// A name: resolve it the way the deployment will, through the forwarders, never the system resolver.
				const resolved = await resolveThroughForwarders(value, context.dnsServers, timeoutMs, context.signal, probes);
				evidence.push(...resolved.records);
				if (!resolved.address) {
					verdicts.push({status: resolved.aborted ? 'skipped' : 'fail', summary: `NTP ${value}: ${resolved.reason}; also, ${fqdnWarning}`, remediation: `Give the time server as an IPv4 address, or make ${value} resolvable through the DNS forwarders.`, owner: 'dns-team'});
					continue;
				}

				address = {host: resolved.address, port: input.port, text: resolved.address};
				note = ` (${value} → ${resolved.address}); ${fqdnWarning}`;
			}

			if (!address) {
				verdicts.push({status: 'error', summary: `"${value}" is not a time server address`});
				continue;
			}

			const records = await probeNtp({server: address.host, port: address.port, samples: input.samples, timeoutMs, signal: context.signal}, probes.ntpSample);
			// Silence: one bounded second look at the address (filtered port, or nothing there?).
			const look = records.some(record => record.ok) || !records.some(record => isSilent(record)) ? [] : await secondLook({server: address.host, port: address.port, protocol: 'ntp', timeoutMs, signal: context.signal, probes, ...(context.onProbe ? {onProbe: context.onProbe} : {})});
			evidence.push(...records, ...look);
			const verdict = judgeNtp(value === address.host ? address.text : value, records, input, look);
			if (note && verdict.status !== 'skipped') {
				verdicts.push({...verdict, status: verdict.status === 'pass' ? 'warn' : verdict.status, summary: `${verdict.summary}${note}`, remediation: [verdict.remediation, 'Prefer an IPv4 address for the time server: switches without DNS cannot use a name.'].filter(Boolean).join('\n'), owner: verdict.owner ?? 'customer'});
			} else {
				verdicts.push(verdict);
			}
		}

		return run.finish(combineJudgements(verdicts, 'time servers'), evidence);
	},
};
