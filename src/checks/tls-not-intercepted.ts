import {z} from 'zod';
import {endpointParam, expandTargets, type Target} from './endpoints.js';
import {judgeEgress} from './judge/egress-judge.js';
import {defaultExpectedIssuers} from './judge/tls-judge.js';
import {combineJudgements, type Judgement} from './judge/verdict.js';
import {limitConcurrency} from './limit-concurrency.js';
import {attemptEgress, attemptRecords} from './probes/egress-attempt.js';
import {probesOf} from './probes/real-probes.js';
import {asList, startRun} from './result.js';
import {lookBehindSilence} from './silent-after-connect.js';
import type {CheckDefinition, ProbeRecord} from './types.js';

const params = z.strictObject({
	endpoints: z.union([endpointParam, z.array(endpointParam).min(1)]),
	/** Issuer name fragments of the public CAs the real services use. */
	expectedIssuers: z.array(z.string().min(1)).min(1).default(defaultExpectedIssuers),
	timeoutMs: z.number().int().positive().max(60_000).optional(),
	// Every endpoint of a list at once: each probe mostly waits on round trips over the WAN, so
	// waves of six made the identity check three times its slowest probe at 40 ms (bench/preflight.ts).
	concurrency: z.number().int().min(1).max(16).default(16),
});

/** `tls.not-intercepted`: the certificates seen from here are the services' own, not a proxy's. */
export const tlsNotIntercepted: CheckDefinition<typeof params> = {
	id: 'tls.not-intercepted',
	title: 'TLS is not intercepted',
	description: 'Handshakes with HTTPS endpoints and verifies each chain against the system trust store plus extra CAs; names the issuing CA of an intercepting proxy, and reports expired and wrong-name certificates.',
	params,
	async run(input, context) {
		const run = startRun('tls.not-intercepted');
		const targets = expandTargets(asList(input.endpoints)).filter(target => 'skip' in target || target.scheme === 'https');
		const outcomes = await limitConcurrency<Target, {verdict: Judgement; records: ProbeRecord[]}>(
			targets,
			input.concurrency,
			async (target): Promise<{verdict: Judgement; records: ProbeRecord[]}> => {
				if ('skip' in target) {
					return {verdict: {status: 'skipped', summary: target.skip}, records: []};
				}

				const timeoutMs = input.timeoutMs ?? context.timeoutMs;
				const attempt = await attemptEgress({...target, method: 'HEAD', noHttp: true, dnsServers: context.dnsServers, extraCaPem: context.extraCaPem, timeoutMs, signal: context.signal, probes: probesOf(context)});
				const {layer, ...verdict} = judgeEgress(attempt, input.expectedIssuers);
				// A handshake that never came: a device that accepts every port would read as a hung endpoint.
				const look = verdict.status === 'fail' ? await lookBehindSilence(attempt, timeoutMs, context) : {records: []};
				if (look.verdict) {
					return {verdict: look.verdict, records: [...attemptRecords(attempt), ...look.records]};
				}

				// Without a handshake there is no certificate to judge: the check could not evaluate.
				const unreached = (layer === 'dns' || layer === 'tcp') && verdict.status === 'fail';
				return {verdict: unreached ? {...verdict, status: 'error', summary: `cannot inspect the certificate: ${verdict.summary}`} : verdict, records: [...attemptRecords(attempt), ...look.records]};
			},
			{signal: context.signal, onSkipped: () => ({verdict: {status: 'skipped', summary: 'not tested: stopped by the operator'}, records: []})},
		);
		return run.finish(combineJudgements(outcomes.map(outcome => outcome.verdict), 'endpoints'), outcomes.flatMap(outcome => outcome.records));
	},
};
