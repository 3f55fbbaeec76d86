import type {NtpProbeRecord} from '../probes/ntp-probe.js';
import type {ProbeRecord} from '../types.js';
import {describeMalformedNtp} from './malformed-reply.js';
import {judgeSilence} from './silent-loss.js';
import type {Judgement} from './verdict.js';

export type NtpThresholds = {passOffsetMs: number; warnOffsetMs: number; failOffsetMs: number};

/** Defaults: pass ≤ 1 s, warn ≤ 60 s, fail beyond; ≥ 300 s is named as breaking Kerberos (5 min skew). */
export const defaultNtpThresholds: NtpThresholds = {passOffsetMs: 1000, warnOffsetMs: 60_000, failOffsetMs: 300_000};

const kissMeaning: Record<string, string> = {
	RATE: 'we asked too often (rate limited)',
	DENY: 'access denied',
	RSTR: 'access restricted',
	NKEY: 'no key',
	CRYP: 'authentication failed',
};

/** The sample with the lowest round-trip delay: its offset is the least disturbed by the network. */
export function bestSample(records: readonly NtpProbeRecord[]): NtpProbeRecord | undefined {
	return records.filter(record => record.ok && record.delayMs !== undefined).sort((a, b) => a.delayMs! - b.delayMs!)[0];
}

function seconds(ms: number): string {
	return Math.abs(ms) >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(3)} s`;
}

/**
Verdict for one NTP server from its samples (and, when they stayed silent, the second look at its address). Pure.
Between `warnOffsetMs` and `failOffsetMs` the verdict is **fail**, not warn: a time source a minute off
is broken even though Kerberos (5 min) still works, and the deployment runs a week on it; beyond
`failOffsetMs` the text says Kerberos authentication breaks. The offset is measured against this
host's clock, so the remediation says to confirm against a trusted reference first.
*/
export function judgeNtp(server: string, records: readonly NtpProbeRecord[], thresholds: NtpThresholds = defaultNtpThresholds, secondLook: readonly ProbeRecord[] = []): Judgement {
	const from = records.find(record => record.localAddress)?.localAddress ?? "this host's address";
	const best = bestSample(records);
	if (!best) {
		const first = records.find(record => !record.ok);
		const code = first?.errorCode;
		if (!first || code === 'ABORTED') {
			return {status: 'skipped', summary: `NTP ${server} was not tested: stopped by the operator`};
		}

		if (code === 'TIMEOUT') {
			const port = first.port;
			const silent = judgeSilence({kind: 'ntp', what: `NTP ${server}`, service: `UDP ${port}`, server: first.server, from, serverOwner: 'customer', role: 'the time server'}, [...records, ...secondLook]);
			if (silent) {
				return silent;
			}

			return {status: 'fail', summary: `NTP ${server}: no answer on UDP 123 (dropped by a firewall, or no NTP service)`, remediation: `Allow UDP port 123 from ${from} to ${server}, and check that ${server} serves NTP.`, owner: 'firewall-team'};
		}

		if (code === 'ECONNREFUSED') {
			return {status: 'fail', summary: `NTP ${server}: port closed (ICMP port unreachable): no NTP service there`, remediation: `Check that ${server} runs an NTP server on UDP 123 and allows ${from}.`, owner: 'customer'};
		}

		if (code === 'KISS_OF_DEATH') {
			const kiss = first.kissCode ?? '?';
			return {status: 'fail', summary: `NTP ${server}: Kiss-o'-Death ${kiss} (${kissMeaning[kiss] ?? 'the server refuses to serve time'})`, remediation: `Ask the time server's owners to serve ${from}: it answered with kiss code ${kiss}.`, owner: 'customer'};
		}

		if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
			return {status: 'fail', summary: `NTP ${server}: unreachable (ICMP unreachable or administratively prohibited)`, remediation: `Allow UDP port 123 from ${from} to ${server}; check routing.`, owner: 'firewall-team'};
		}

		const malformed = describeMalformedNtp(first);
		if (malformed) {
			// The server's fault unless proven otherwise: nothing here points at a device on the path.
			return {status: 'fail', summary: `NTP ${server}: invalid reply: ${malformed}`, remediation: `Fix the time service at ${server}, or give the worksheet a working NTP server: it answers UDP 123 with invalid replies (${code}).`, owner: 'customer'};
		}

		return {status: 'fail', summary: `NTP ${server}: failed (${code ?? 'unknown'})`, remediation: `Check the path from ${from} to ${server} on UDP 123 (${code ?? 'unknown error'}).`, owner: 'network-team'};
	}

	const fields = `stratum ${best.stratum}, ref ${best.referenceId}, delay ${best.delayMs} ms`;
	if (best.leapIndicator === 3 || best.stratum === 0 || (best.stratum ?? 0) >= 16) {
		return {status: 'fail', summary: `NTP ${server} is not synchronised (leap indicator ${best.leapIndicator}, stratum ${best.stratum})`, remediation: `Fix ${server}'s own time sources: an unsynchronised server must not be the deployment's only time source.`, owner: 'customer'};
	}

	const offset = best.offsetMs!;
	const magnitude = Math.abs(offset);
	const direction = offset > 0 ? 'ahead of' : 'behind';
	const line = `NTP ${server} is ${seconds(magnitude)} ${direction} this host (${fields})`;
	if (magnitude <= thresholds.passOffsetMs) {
		return {status: 'pass', summary: line};
	}

	const confirm = `Compare ${server} (server time ${best.serverTime}) and this host with a trusted clock; fix whichever is wrong.`;
	if (magnitude <= thresholds.warnOffsetMs) {
		return {status: 'warn', summary: line, remediation: confirm, owner: 'customer'};
	}

	const kerberos = magnitude >= thresholds.failOffsetMs ? ': beyond the 5-minute skew Kerberos tolerates' : `: more than ${seconds(thresholds.warnOffsetMs)} off`;
	return {status: 'fail', summary: `${line}${kerberos}`, remediation: confirm, owner: 'customer'};
}
