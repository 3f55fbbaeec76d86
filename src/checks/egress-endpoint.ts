import {z} from 'zod';
import {endpointParam, expandTargets, type Target} from './endpoints.js';
import {judgeEgress, type EgressAttempt} from './judge/egress-judge.js';
import {combineJudgements, type Judgement} from './judge/verdict.js';
import {limitConcurrency} from './limit-concurrency.js';
import {attemptEgress, attemptRecords} from './probes/egress-attempt.js';
import {probesOf} from './probes/real-probes.js';
import {asList, startRun} from './result.js';
import {lookBehindSilence} from './silent-after-connect.js';
import type {CheckContext, CheckDefinition, ProbeRecord} from './types.js';

const params = z.strictObject({
	endpoints: z.union([endpointParam, z.array(endpointParam).min(1)]),
	/** Per attempt; the docs' maximum for identity endpoints is 60 s. */
	timeoutMs: z.number().int().positive().max(60_000).optional(),
	/** Extra attempts after a failure; the docs' maximum for identity endpoints is 3. */
	retries: z.number().int().min(0).max(3).default(0),
	method: z.enum(['HEAD', 'GET']).default('HEAD'),
	/** Send the HTTP request after TLS; false for TLS services that do not speak HTTP (syslog over TLS on 6514). */
	http: z.boolean().default(true),
	// Every endpoint of a list at once: each probe mostly waits on round trips over the WAN, so
	// waves of six made the identity check three times its slowest probe at 40 ms (bench/preflight.ts).
	concurrency: z.number().int().min(1).max(16).default(16),
	/** Also require the chain to come from one of these issuers (name fragments); default: chain verification only. */
	expectedIssuers: z.array(z.string().min(1)).optional(),
});
type Params = z.infer<typeof params>;
type Outcome = {verdict: Judgement; records: ProbeRecord[]};

/**
A failure at TLS after a complete handshake, with a certificate that says what presented it: an
inspection CA's, a self-signed one, or one not yet valid (this host's clock). The same device
presents it again a second later: four identical interception verdicts read as a flaky endpoint
("attempt 4") and quadrupled the evidence. The retries the docs allow stay for what a second look
can change: a timeout, a reset, no answer, and an expired or wrong-name certificate, which one bad
server of a pool behind the name may present while the others do not.
*/
function certificateSettled(attempt: EgressAttempt, layer: string): boolean {
	const tls = attempt.tls;
	return layer === 'tls' && tls?.handshake === true && !tls.expired && tls.chainError !== 'CERT_HAS_EXPIRED' && !tls.identityError && !tls.unreadable;
}

async function probeTarget(target: Target, input: Params, context: CheckContext): Promise<Outcome> {
	if ('skip' in target) {
		return {verdict: {status: 'skipped', summary: target.skip}, records: []};
	}

	const records: ProbeRecord[] = [];
	let verdict: Judgement = {status: 'skipped', summary: `${target.host}:${target.port}: not tested: stopped by the operator`};
	const timeoutMs = input.timeoutMs ?? context.timeoutMs;
	let last: EgressAttempt | undefined;
	for (let attempt = 0; attempt <= input.retries && !context.signal.aborted; attempt++) {
		const id = `${target.host}:${target.port}#${attempt}`;
		context.onProbe?.({type: 'start', id, target: `${target.scheme}://${target.host}:${target.port}`, kind: 'egress'});
		const result = await attemptEgress({...target, method: input.method, noHttp: !input.http, dnsServers: context.dnsServers, extraCaPem: context.extraCaPem, timeoutMs, signal: context.signal, probes: probesOf(context)});
		last = result;
		const own = attemptRecords(result).map(record => ({...record, attempt}));
		records.push(...own);
		const {layer, ...judged} = judgeEgress(result, input.expectedIssuers);
		verdict = attempt > 0 ? {...judged, summary: `${judged.summary} (attempt ${attempt + 1})`} : judged;
		context.onProbe?.({type: 'end', id, record: {target: `${target.scheme}://${target.host}:${target.port}`, kind: 'egress', ok: judged.status === 'pass', durationMs: own.reduce((sum, record) => sum + record.durationMs, 0), layer}});
		if (judged.status === 'pass' || judged.status === 'skipped' || judged.status === 'error' || certificateSettled(result, layer)) {
			break;
		}
	}

	if (last && verdict.status === 'fail') {
		const look = await lookBehindSilence(last, timeoutMs, context);
		records.push(...look.records);
		if (look.verdict) {
			return {verdict: look.verdict, records};
		}
	}

	return {verdict, records};
}

/** `egress.endpoint`: each endpoint is reachable layer by layer, with the failing layer's owner named. */
export const egressEndpoint: CheckDefinition<typeof params> = {
	id: 'egress.endpoint',
	title: 'Outbound endpoints reachable',
	description: 'For each endpoint: resolves through the DNS forwarders, connects, verifies TLS and sends one HTTP request; names the layer that failed and who fixes it.',
	params,
	async run(input, context) {
		const run = startRun('egress.endpoint');
		const targets = expandTargets(asList(input.endpoints));
		const outcomes = await limitConcurrency<Target, Outcome>(targets, input.concurrency, async target => probeTarget(target, input, context), {
			signal: context.signal,
			onSkipped: target => ({verdict: {status: 'skipped', summary: `${'skip' in target ? target.published : `${target.host}:${target.port}`}: not tested: stopped by the operator`}, records: []}),
		});
		const verdict = combineJudgements(outcomes.map(outcome => outcome.verdict), 'endpoints');
		return run.finish(verdict, outcomes.flatMap(outcome => outcome.records));
	},
};
