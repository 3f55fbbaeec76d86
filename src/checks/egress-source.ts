import {z} from 'zod';
import {parseEchoAddress} from './http/echo-address.js';
import {judgeEgress} from './judge/egress-judge.js';
import {judgeEgressSource} from './judge/egress-source-judge.js';
import {attemptEgress, attemptRecords} from './probes/egress-attempt.js';
import {probesOf} from './probes/real-probes.js';
import {asList, startRun} from './result.js';
import type {CheckDefinition, FixOwner, ProbeRecord} from './types.js';

/** The most of an echo's answer that is read: an address is a few dozen bytes. */
const maxEchoBody = 2048;

const params = z.strictObject({
	/** HTTPS "what is my address" URLs: the first in this order that answers with an address is used. */
	echoUrls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(8)]),
	/** Addresses or networks (CIDR) the site's firewall rules are written for; empty lists are ignored. */
	expected: z.union([z.string(), z.array(z.union([z.string(), z.array(z.string())]))]).optional(),
	/** Only the first /N of each expected network counts (24 → the Public VIP pool's first /27 with 27). */
	expectedPrefix: z.number().int().min(0).max(32).optional(),
	timeoutMs: z.number().int().positive().max(60_000).optional(),
});

type EchoUrl = {url: string; host: string; port: number; scheme: 'https' | 'http'; path: string};

/** Reads an echo URL; only http(s) with a host is accepted. */
function parseUrl(text: string): EchoUrl | string {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return `${text}: not a URL`;
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return `${text}: only https (or http) URLs can be asked`;
	}

	const scheme = url.protocol === 'https:' ? 'https' : 'http';
	const host = url.hostname.replace(/^\[|\]$/g, '');
	return {url: text, host, port: url.port ? Number(url.port) : scheme === 'https' ? 443 : 80, scheme, path: `${url.pathname}${url.search}`};
}

/** `egress.source`: the address the internet sees for this host, compared with what the firewall rules expect. */
export const egressSource: CheckDefinition<typeof params> = {
	id: 'egress.source',
	title: 'Source address the internet sees',
	description: 'Asks HTTPS "what is my address" URLs (through the DNS forwarders, with the usual TLS trust) for the translated source address, and compares it with the address the firewall rules are written for; NAT alone is not a finding.',
	params,
	async run(input, context) {
		const run = startRun('egress.source');
		const timeoutMs = input.timeoutMs ?? context.timeoutMs;
		const evidence: ProbeRecord[] = [];
		const failures: string[] = [];
		const failureOwners: Array<FixOwner | undefined> = [];
		let found: {seen: string; local?: string; url: string} | undefined;
		/*
		Every URL is asked at once (at most 8) and the answers are judged in list order, as if asked one
		after another: the first URL that answers with an address wins, and what the ones before it said
		is kept. The check then takes as long as the slowest of those URLs, not the sum of them (three
		round trips of DNS, TCP, TLS and HTTP each). Once a URL wins, the later ones are stopped; they
		proved nothing, so they leave no evidence and no probe row.
		*/
		const later = new AbortController();
		const stopLater = () => later.abort();
		context.signal.addEventListener('abort', stopLater, {once: true});
		const urls = asList(input.echoUrls).map(text => ({text, target: parseUrl(text)}));
		const attempts = urls.map(({target}) => (typeof target === 'string' ? undefined : attemptEgress({...target, method: 'GET', dnsServers: context.dnsServers, extraCaPem: context.extraCaPem, timeoutMs, signal: later.signal, probes: probesOf(context), readBody: maxEchoBody})));
		try {
			for (const [index, {text, target}] of urls.entries()) {
				if (context.signal.aborted) {
					break;
				}

				if (typeof target === 'string') {
					failures.push(target);
					continue;
				}

				context.onProbe?.({type: 'start', id: text, target: text, kind: 'egress'});
				const attempt = await attempts[index]!;
				const records = attemptRecords(attempt);
				evidence.push(...records);
				const layered = judgeEgress(attempt);
				const http = attempt.http;
				const seen = layered.status === 'pass' && http?.status === 200 ? parseEchoAddress(http.body ?? '', http.contentType) : undefined;
				context.onProbe?.({type: 'end', id: text, record: {target: text, kind: 'egress', ok: seen !== undefined, durationMs: records.reduce((sum, record) => sum + record.durationMs, 0)}});
				if (seen) {
					found = {seen, url: text, ...(attempt.tcp?.localAddress ? {local: attempt.tcp.localAddress} : {})};
					break;
				}

				failureOwners.push(layered.status === 'pass' ? undefined : layered.owner);
				failures.push(layered.status === 'pass' ? `${text}: answered HTTP ${http?.status ?? '?'} without an address` : `${text}: ${layered.summary}`);
			}
		} finally {
			// The later URLs' connections are closed before the check returns (attempts never reject).
			later.abort();
			context.signal.removeEventListener('abort', stopLater);
			await Promise.all(attempts);
		}

		if (context.signal.aborted && !found) {
			return run.finish({status: 'skipped', summary: 'source address check stopped by the operator'}, evidence);
		}

		// `[{$input: dvm_address}, {$input: nat_addresses}]` resolves to a string and a list: flatten.
		const expected = asList(input.expected).flat().filter(text => text.trim() !== '');
		return run.finish(judgeEgressSource({...found, failures, failureOwners, expected, ...(input.expectedPrefix === undefined ? {} : {expectedPrefix: input.expectedPrefix})}), evidence);
	},
};
