import {z} from 'zod';
import {DnsEncodeError, encodeName} from './dns/encode.js';
import {parseServerAddress, type ServerAddress} from './dns/server-address.js';
import {dnsServerLabel} from './judge/dns-outcome.js';
import {judgeDelegation, type DelegationRecord, type DelegationZone} from './judge/dns-delegation-judge.js';
import {isSilent} from './judge/silent-loss.js';
import {limitConcurrency} from './limit-concurrency.js';
import type {DnsProbeRecord, DnsQueryType} from './probes/dns-probe.js';
import {probesOf} from './probes/real-probes.js';
import {secondLook} from './probes/second-look.js';
import {asList, startRun} from './result.js';
import type {CheckContext, CheckDefinition, ProbeRecord} from './types.js';

const label = z.string().min(1).max(63).regex(/^[a-z\d](?:[a-z\d-]*[a-z\d])?$/i, 'one DNS label: letters, digits and hyphens');

const params = z.strictObject({
	/** The deployment's region, e.g. `east`: the zone is `<region>.<externalDomain>`. */
	region: label,
	externalDomain: z.string().min(1).max(200),
	/** The naming prefix of the deployment (default `azs`): its DNS servers are `<prefix>-ns01` and `-ns02` in the zone. */
	namingPrefix: label.optional(),
	/** The servers of the parent zone (`ip` or `ip:port`); default: the session's DNS forwarders. */
	parentServers: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
	/** The Azure Stack Hub DNS servers (external DNS addresses of the stamp). */
	delegatedServers: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
	/** Also check `<region>.cloudapp.<externalDomain>`, the zone of DNS name labels (default true; findings there are warnings). */
	cloudapp: z.boolean().optional(),
	timeoutMs: z.number().int().positive().max(60_000).optional(),
});

type Job = {zone: string; role: DelegationRecord['role']; address: ServerAddress; type: DnsQueryType; recursionDesired: boolean};

/** Asks one question over UDP and, when the answer did not fit (TC), again over TCP. Never rejects. */
async function ask(job: Job, timeoutMs: number, context: CheckContext): Promise<DelegationRecord> {
	const probes = probesOf(context);
	const once = async (transport: 'udp' | 'tcp') => {
		const id = `${job.role}:${transport}:${job.address.text}:${job.zone}:${job.type}`;
		const target = `${transport}://${job.address.text} ${job.zone} ${job.type}${job.recursionDesired ? '' : ' (no recursion)'}`;
		context.onProbe?.({type: 'start', id, target, kind: `dns-${transport}`});
		const record = await probes.dns({server: job.address.host, port: job.address.port, name: job.zone, type: job.type, recursionDesired: job.recursionDesired, transport, timeoutMs, signal: context.signal});
		context.onProbe?.({type: 'end', id, record});
		return record;
	};

	const first = await once('udp');
	const record: DnsProbeRecord = first.tc === true ? await once('tcp') : first;
	return {...record, role: job.role, zone: job.zone};
}

/**
`dns.delegation`: the datacenter's DNS sends `<region>.<external domain>` (and the cloudapp zone of DNS
name labels) to Azure Stack Hub's DNS. Each parent-zone server is asked for the zone's NS records
without recursion and must refer it to the Azure Stack Hub DNS servers (a server that gives no referral
is asked the SOA with recursion once: conditional forwarding, which Microsoft recommends, passes too);
each delegated server is asked the zone's SOA without recursion and must answer with authority.
*/
export const dnsDelegation: CheckDefinition<typeof params> = {
	id: 'dns.delegation',
	title: 'The external DNS zone is delegated to Azure Stack Hub',
	description: 'Asks the parent zone\'s DNS servers for the NS records of <region>.<external domain> and <region>.cloudapp.<external domain> without recursion (a referral to the Azure Stack Hub DNS servers, or conditional forwarding, passes) and each Azure Stack Hub DNS server for the zones\' SOA (it must answer with authority); tells apart a missing delegation, one that points elsewhere, a lame delegation and a silent server.',
	params,
	async run(input, context) {
		const run = startRun('dns.delegation');
		const domain = input.externalDomain.replace(/\.$/, '').toLowerCase();
		const zone = `${input.region.toLowerCase()}.${domain}`;
		const prefix = input.namingPrefix ?? 'azs';
		const zones: DelegationZone[] = [{zone, expectedNames: [`${prefix}-ns01.${zone}`, `${prefix}-ns02.${zone}`], optional: false}];
		if (input.cloudapp !== false) {
			zones.push({zone: `${input.region.toLowerCase()}.cloudapp.${domain}`, expectedNames: [`${prefix}-ns01.${zone}`, `${prefix}-ns02.${zone}`], optional: true});
		}

		try {
			for (const item of zones) {
				encodeName(item.zone);
			}
		} catch (error) {
			if (error instanceof DnsEncodeError) {
				return run.finish({status: 'error', summary: `not a DNS name: ${error.message}`}, []);
			}

			throw error;
		}

		const parse = (values: string[]) => values.map(value => ({value, address: parseServerAddress(value, 53)}));
		const parents = parse(input.parentServers === undefined ? context.dnsServers : asList(input.parentServers));
		const delegated = parse(asList(input.delegatedServers));
		const invalid = [...parents, ...delegated].filter(item => !item.address).map(item => item.value);
		if (invalid.length > 0) {
			return run.finish({status: 'error', summary: `not an IP address: ${invalid.join(', ')} (a DNS server is an IP, optionally with :port)`}, []);
		}

		if (parents.length === 0) {
			return run.finish({status: 'error', summary: 'no parent-zone DNS servers to ask: give parentServers (or the session\'s DNS forwarders)'}, []);
		}

		const timeoutMs = input.timeoutMs ?? context.timeoutMs;
		const jobs: Job[] = zones.flatMap(item => [
			...parents.map(({address}): Job => ({zone: item.zone, role: 'parent', address: address!, type: 'NS', recursionDesired: false})),
			...delegated.map(({address}): Job => ({zone: item.zone, role: 'delegated', address: address!, type: 'SOA', recursionDesired: false})),
		]);
		const skipped = (job: Job): DelegationRecord => ({target: `udp://${job.address.text} ${job.zone} ${job.type}`, kind: 'dns-udp', ok: false, durationMs: 0, errorCode: 'ABORTED', server: job.address.host, port: job.address.port, transport: 'udp', name: job.zone, qtype: job.type, role: job.role, zone: job.zone});
		const records = await limitConcurrency(jobs, 8, async job => ask(job, timeoutMs, context), {signal: context.signal, onSkipped: skipped});
		// A parent that answered without a referral gets one recursive SOA question: conditional forwarding?
		const noReferral = records.filter(record => record.role === 'parent' && record.rcode !== undefined && !hasNameServers(record));
		const forwardJobs = noReferral.map((record): Job => ({zone: record.zone, role: 'forward', address: {host: record.server, port: record.port, text: dnsServerLabel(record)}, type: 'SOA', recursionDesired: true}));
		const forwards = await limitConcurrency(forwardJobs, 8, async job => ask(job, timeoutMs, context), {signal: context.signal, onSkipped: skipped});
		// A silent server gets one bounded second look (not one per zone): filtered port, or nothing there?
		const silent = [...new Map(records.filter(record => isSilent(record)).map(record => [`${record.server}:${record.port}`, record])).values()];
		const looks = await limitConcurrency(silent, 8, async record => secondLook({server: record.server, port: record.port, protocol: 'dns', name: record.zone, askTcp: true, timeoutMs, signal: context.signal, probes: probesOf(context), ...(context.onProbe ? {onProbe: context.onProbe} : {})}), {signal: context.signal, onSkipped: () => [] as ProbeRecord[]});
		const all = [...records, ...forwards];
		const lookRecords = looks.flat().map(record => ({...record, role: 'parent', zone}) as DelegationRecord);
		const verdict = judgeDelegation({zones, parentServers: parents.map(item => item.address!.text), delegatedServers: delegated.map(item => item.address!.text)}, [...all, ...lookRecords]);
		return run.finish(verdict, [...all, ...looks.flat()]);
	},
};

function hasNameServers(record: DnsProbeRecord): boolean {
	return [...(record.answerRecords ?? []), ...(record.authority ?? [])].some(item => item.type === 'NS' && item.name.toLowerCase() === record.name.toLowerCase());
}
