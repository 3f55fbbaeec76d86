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
import type {CheckContext, CheckDefinition, ProbeRecord} from './types.js';

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
type Params = z.infer<typeof params>;

/** A name may resolve to a pool; every address is asked, up to this many. */
const maxAddressesPerName = 8;

const fqdnWarning = 'the time server is a name: every switch must be able to resolve it (the docs ask for an IPv4 address)';

/** Samples one address and judges it; silence gets one bounded second look (filtered port, or nothing there?). */
async function sampleAndJudge(label: string, host: string, port: number, input: Params, timeoutMs: number, context: CheckContext): Promise<{verdict: Judgement; records: ProbeRecord[]}> {
	const probes = probesOf(context);
	const records = await probeNtp({server: host, port, samples: input.samples, timeoutMs, signal: context.signal}, probes.ntpSample);
	const look = records.some(record => record.ok) || !records.some(record => isSilent(record)) ? [] : await secondLook({server: host, port, protocol: 'ntp', timeoutMs, signal: context.signal, probes, ...(context.onProbe ? {onProbe: context.onProbe} : {})});
	return {verdict: judgeNtp(label, records, input, look), records: [...records, ...look]};
}

/** `ntp.server`: the time server answers SNTP with a sane offset, stratum and leap indicator. */
export const ntpServer: CheckDefinition<typeof params> = {
	id: 'ntp.server',
	title: 'NTP server answers with the right time',
	description: 'Takes several SNTP samples from the time server (every address of a name); judges offset (best sample), stratum, leap indicator and Kiss-o\'-Death.',
	params,
	async run(input, context) {
		const run = startRun('ntp.server');
		const timeoutMs = input.timeoutMs ?? context.timeoutMs;
		const evidence: ProbeRecord[] = [];
		const verdicts: Judgement[] = [];
		for (const value of asList(input.server)) {
			const address = parseServerAddress(value, input.port);
			if (address || net.isIP(value)) {
				if (!address) {
					verdicts.push({status: 'error', summary: `"${value}" is not a time server address`});
					continue;
				}

				const {verdict, records} = await sampleAndJudge(value === address.host ? address.text : value, address.host, address.port, input, timeoutMs, context);
				evidence.push(...records);
				verdicts.push(verdict);
				continue;
			}

			// A name: resolve it the way the deployment will, through the forwarders, never the system
			// resolver; then ask every address it gives, since the system may use any of them.
			const resolved = await resolveThroughForwarders(value, context.dnsServers, timeoutMs, context.signal, probesOf(context));
			evidence.push(...resolved.records);
			if (resolved.addresses.length === 0) {
				verdicts.push({status: resolved.aborted ? 'skipped' : 'fail', summary: `NTP ${value}: ${resolved.reason}; also, ${fqdnWarning}`, remediation: `Give the time server as an IPv4 address, or make ${value} resolvable through the DNS forwarders.`, owner: 'dns-team'});
				continue;
			}

			const addresses = resolved.addresses.slice(0, maxAddressesPerName);
			for (const resolvedAddress of addresses) {
				const {verdict, records} = await sampleAndJudge(`${value} → ${resolvedAddress}`, resolvedAddress, input.port, input, timeoutMs, context);
				evidence.push(...records);
				const note = `; ${value} resolves to ${resolved.addresses.length} address${resolved.addresses.length === 1 ? '' : 'es'}${resolved.addresses.length > addresses.length ? ` (the first ${addresses.length} asked)` : ', every one asked'}; ${fqdnWarning}`;
				verdicts.push(verdict.status === 'skipped' ? verdict : {...verdict, status: verdict.status === 'pass' ? 'warn' : verdict.status, summary: `${verdict.summary}${note}`, remediation: [verdict.remediation, 'Prefer an IPv4 address for the time server: switches without DNS cannot use a name.'].filter(Boolean).join('\n'), owner: verdict.owner ?? 'customer'});
			}
		}

		return run.finish(combineJudgements(verdicts, 'time servers'), evidence);
	},
};
