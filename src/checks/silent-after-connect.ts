import {judgeCatchAll} from './judge/catch-all-judge.js';
import type {EgressAttempt} from './judge/egress-judge.js';
import type {Judgement} from './judge/verdict.js';
import {lookForCatchAll} from './probes/catch-all-look.js';
import {probesOf} from './probes/real-probes.js';
import type {CheckContext, ProbeRecord} from './types.js';

/** TCP opened but no TLS handshake or no HTTP answer came back (not a certificate or status the peer chose). */
export function connectedButSilent(attempt: EgressAttempt): boolean {
	if (!attempt.address || !attempt.tcp?.ok) {
		return false;
	}

	if (attempt.tls && !attempt.tls.handshake) {
		return attempt.tls.errorCode !== 'ABORTED';
	}

	return attempt.http !== undefined && !attempt.http.ok && attempt.http.errorCode !== 'ABORTED';
}

/**
An endpoint that connected and then said nothing: the endpoint itself, or a device answering in its
place? One bounded look at ports that must be closed (shared by every check that connects to
endpoints). Returns the look's records, and the catch-all verdict when every port accepted.
*/
export async function lookBehindSilence(attempt: EgressAttempt, timeoutMs: number, context: CheckContext): Promise<{records: ProbeRecord[]; verdict?: Judgement}> {
	if (!connectedButSilent(attempt) || context.signal.aborted) {
		return {records: []};
	}

	const look = await lookForCatchAll(attempt.address!, probesOf(context), timeoutMs, context.signal);
	if (!look.acceptsEvery) {
		return {records: look.records};
	}

	const what = `${attempt.host}:${attempt.port} connected but ${attempt.tls && !attempt.tls.handshake ? 'never completed TLS' : 'never answered HTTP'}`;
	return {records: look.records, verdict: judgeCatchAll(look, what)};
}
