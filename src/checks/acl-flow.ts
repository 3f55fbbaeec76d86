import net from 'node:net';
import {z} from 'zod';
import {judgeFlow, judgeUnrestricted, type Flow, type FlowOutcome} from './judge/acl-judge.js';
import {judgeCatchAll} from './judge/catch-all-judge.js';
import {combineJudgements, type Judgement} from './judge/verdict.js';
import {limitConcurrency} from './limit-concurrency.js';
import {lookForCatchAll} from './probes/catch-all-look.js';
import {probesOf} from './probes/real-probes.js';
import {resolveThroughForwarders} from './probes/resolve.js';
import {asList, startRun} from './result.js';
import type {CheckContext, CheckDefinition, ProbeRecord, ProbeSet} from './types.js';

const flowSchema = z.strictObject({
	/** Destination IPs (ACLs match on addresses); a name is resolved through the DNS forwarders first. */
	host: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
	port: z.number().int().min(1).max(65_535).optional(),
	/** `tcp` connect, a UDP DNS query (`dns`), a TCP DNS query (`dns-tcp`) or an SNTP query (`ntp`). */
	protocol: z.enum(['tcp', 'dns', 'dns-tcp', 'ntp']).default('tcp'),
	/** `confirm`: the design may permit it; open is a warning to confirm with `owner`. */
	expect: z.enum(['allow', 'deny', 'confirm']),
	label: z.string().min(1).optional(),
	/** Who fixes a deny found open, or confirms a `confirm` flow (the OEM for the HLH). Default: the firewall team. */
	owner: z.enum(['dns-team', 'firewall-team', 'proxy-security-team', 'network-team', 'oem', 'customer', 'operator']).optional(),
	/** Networks (CIDR) the probe's source address must be in (e.g. the BMC network). */
	expectedSource: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
});

const params = z.strictObject({
	flows: z.union([flowSchema, z.array(flowSchema).min(1)]),
	/** Default expected source for every flow that sets none. */
	expectedSource: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
	/** The name a DNS flow asks for. */
	query: z.string().min(1).default('management.azure.com'),
	timeoutMs: z.number().int().positive().max(60_000).optional(),
	concurrency: z.number().int().min(1).max(16).default(6),
});

const defaultPorts = {tcp: 443, dns: 53, 'dns-tcp': 53, ntp: 123};

type Probed = {records: ProbeRecord[]; address?: string};

async function probeFlow(flow: Flow, query: string, timeoutMs: number, context: CheckContext): Promise<Probed> {
	if (net.isIP(flow.host) === 0) {
		// A name: resolve it the way the host will, through the forwarders, then probe the address.
		const resolution = await resolveThroughForwarders(flow.host, context.dnsServers, timeoutMs, context.signal, probesOf(context));
		if (!resolution.address) {
			return {records: [...resolution.records, {target: `${flow.protocol}://${flow.host}:${flow.port}`, kind: flow.protocol, ok: false, durationMs: 0, errorCode: resolution.aborted ? 'ABORTED' : 'UNRESOLVED', reason: resolution.reason}]};
		}

		return {records: [...resolution.records, await probeAddress({...flow, host: resolution.address}, query, timeoutMs, context.signal, probesOf(context))], address: resolution.address};
	}

	return {records: [await probeAddress(flow, query, timeoutMs, context.signal, probesOf(context))], address: flow.host};
}

type FlowOutcomeRecord = {flow: Flow; verdict: Judgement; records: ProbeRecord[]; address?: string; outcome: FlowOutcome};

/** At most this many addresses get a second look per run: the look is evidence, not a port scan. */
const maxCatchAllLooks = 4;

/**
A deny flow found open over TCP may be a device answering in the destination's place. Each such
address gets one bounded second look at ports that must be closed; where every one accepts, the
flows to that address open over TCP become one finding instead of one ACL hole each.
*/
async function foldCatchAlls(outcomes: FlowOutcomeRecord[], timeoutMs: number, context: CheckContext): Promise<{verdicts: Judgement[]; records: ProbeRecord[]; rest: FlowOutcomeRecord[]}> {
	const overTcp = (item: FlowOutcomeRecord) => item.outcome === 'open' && (item.flow.protocol === 'tcp' || item.flow.protocol === 'dns-tcp') && item.address !== undefined;
	const suspects = [...new Set(outcomes.filter(item => overTcp(item) && item.flow.expect !== 'allow').map(item => item.address!))].slice(0, maxCatchAllLooks);
	const looks = context.signal.aborted ? [] : await Promise.all(suspects.map(async address => lookForCatchAll(address, probesOf(context), timeoutMs, context.signal)));
	const catchAll = new Map(looks.filter(look => look.acceptsEvery).map(look => [look.address, look]));
	const folded = outcomes.filter(item => overTcp(item) && catchAll.has(item.address!));
	const verdicts = [
		...outcomes.filter(item => !folded.includes(item)).map(item => item.verdict),
		...[...catchAll.values()].map(look => {
			const flows = folded.filter(item => item.address === look.address);
			return judgeCatchAll(look, `${flows.length === 1 ? 'the flow' : `${flows.length} flows`} open to it (${flows.map(item => `TCP ${item.flow.port}`).join(', ')}) prove nothing about the ACL`);
		}),
	];
	return {verdicts, records: looks.flatMap(look => look.records), rest: outcomes.filter(item => !folded.includes(item))};
}

async function probeAddress(flow: Flow, query: string, timeoutMs: number, signal: AbortSignal, probes: ProbeSet): Promise<ProbeRecord> {
	switch (flow.protocol) {
		case 'dns':
		case 'dns-tcp': {
			return probes.dns({server: flow.host, port: flow.port, name: query, transport: flow.protocol === 'dns' ? 'udp' : 'tcp', timeoutMs, signal});
		}

		case 'ntp': {
			return probes.ntpSample({server: flow.host, port: flow.port, timeoutMs, signal});
		}

		default: {
			return (await probes.web({address: flow.host, port: flow.port, hostname: flow.host, scheme: 'tcp', extraCaPem: [], timeoutMs, signal})).tcp;
		}
	}
}

/** `acl.flow`: each flow is allowed or denied as the ACL design says, from the right source. */
export const aclFlow: CheckDefinition<typeof params> = {
	id: 'acl.flow',
	title: 'ACL flows allowed and denied as designed',
	description: 'Probes flows (TCP connect, UDP/TCP DNS, NTP) and tells apart open, reset, dropped and ICMP-rejected; a deny passes only when blocked; flags a test from outside the expected source network.',
	params,
	async run(input, context) {
		const run = startRun('acl.flow');
		const flows: Flow[] = asList(input.flows).flatMap(({host: hosts, expectedSource: own, ...flow}) => asList(hosts).map(host => {
			const expectedSource = asList(own ?? input.expectedSource);
			return {...flow, host, port: flow.port ?? defaultPorts[flow.protocol], ...(expectedSource.length > 0 ? {expectedSource} : {})};
		}));
		const timeoutMs = input.timeoutMs ?? context.timeoutMs;
		const outcomes = await limitConcurrency<Flow, FlowOutcomeRecord>(
			flows,
			input.concurrency,
			async flow => {
				const id = `${flow.protocol}:${flow.host}:${flow.port}`;
				context.onProbe?.({type: 'start', id, target: `${flow.protocol}://${flow.host}:${flow.port}`, kind: 'acl'});
				const {records, address} = await probeFlow(flow, input.query, timeoutMs, context);
				const record = {...records.at(-1)!, expect: flow.expect};
				context.onProbe?.({type: 'end', id, record});
				const {outcome, ...verdict} = judgeFlow(flow, record);
				return {flow, verdict, outcome, ...(address ? {address} : {}), records: [...records.slice(0, -1), {...record, outcome}]};
			},
			{signal: context.signal, onSkipped: flow => ({flow, outcome: 'aborted', verdict: {status: 'skipped', summary: `${flow.host}:${flow.port}: not tested: stopped by the operator`}, records: [{target: `${flow.protocol}://${flow.host}:${flow.port}`, kind: flow.protocol, ok: false, durationMs: 0, errorCode: 'ABORTED', expect: flow.expect, outcome: 'aborted'}]})},
		);
		const second = await foldCatchAlls(outcomes, timeoutMs, context);
		// Flows a catch-all answered say nothing about the ACL: "unrestricted" is judged on the others.
		const unrestricted = judgeUnrestricted(second.rest);
		return run.finish(combineJudgements(unrestricted ? [unrestricted, ...second.verdicts] : second.verdicts, 'flows'), [...outcomes.flatMap(outcome => outcome.records), ...second.records]);
	},
};
