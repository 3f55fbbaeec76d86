import type {DnsProbeRecord} from '../probes/dns-probe.js';
import type {HttpProbeRecord, TlsProbeRecord} from '../probes/web-probe.js';
import type {ProbeRecord} from '../types.js';
import {judgeDnsRecord} from './dns-outcome.js';
import {describeTcpFailure} from './tcp-connect-judge.js';
import {judgeTls} from './tls-judge.js';
import type {Judgement} from './verdict.js';

/** Everything one attempt at one endpoint produced, layer by layer. Plain data. */
export type EgressAttempt = {
	host: string;
	port: number;
	scheme: 'https' | 'http' | 'tcp';
	/** DNS queries made through the forwarders (the last one decides). */
	dns: DnsProbeRecord[];
	/** Why resolution gave no address when there is no DNS record to judge (no forwarders). */
	dnsReason?: string;
	address?: string;
	tcp?: ProbeRecord;
	tls?: TlsProbeRecord;
	http?: HttpProbeRecord;
};

export type EgressLayer = 'dns' | 'tcp' | 'tls' | 'http' | 'none';

/**
One layered verdict for one endpoint: DNS → TCP → TLS → HTTP, naming the first layer that failed and
its owner (DNS team, firewall team, proxy/security team). Any HTTP status from the real service is
reachable; a 403/407 that a proxy produced is not. Pure.
*/
export function judgeEgress(attempt: EgressAttempt, expectedIssuers?: readonly string[]): Judgement & {layer: EgressLayer} {
	const who = `${attempt.host}:${attempt.port}`;
	const from = attempt.tcp?.localAddress ?? attempt.dns.at(-1)?.localAddress ?? "this host's address";
	if (!attempt.address) {
		const last = attempt.dns.at(-1);
		if (!last) {
			return {layer: 'dns', status: 'error', summary: `${who}: cannot resolve: ${attempt.dnsReason ?? 'no DNS forwarders configured'}`};
		}

		const verdict = judgeDnsRecord(last);
		return {layer: 'dns', ...verdict, summary: `${who} failed at DNS: ${verdict.summary}`};
	}

	const tcp = attempt.tcp;
	if (!tcp || !tcp.ok) {
		if (tcp?.errorCode === 'ABORTED' || !tcp) {
			return {layer: 'tcp', status: 'skipped', summary: `${who}: not tested: stopped by the operator`};
		}

		return {
			layer: 'tcp',
			status: 'fail',
			summary: `${who} failed at TCP: ${attempt.address}:${attempt.port} ${describeTcpFailure(tcp.errorCode)}`,
			remediation: `Allow outbound TCP from ${from} to ${attempt.host} (${attempt.address}) port ${attempt.port}.`,
			owner: 'firewall-team',
		};
	}

	if (attempt.scheme === 'https') {
		if (!attempt.tls) {
			return {layer: 'tls', status: 'skipped', summary: `${who}: TLS not tested: stopped by the operator`};
		}

		const verdict = judgeTls(attempt.tls, attempt.port, expectedIssuers);
		if (verdict.status !== 'pass') {
			return {layer: 'tls', ...verdict, summary: `${who} failed at TLS: ${verdict.summary.replace(`${who}: `, '')}`};
		}
	}

	if (attempt.scheme === 'tcp') {
		return {layer: 'none', status: 'pass', summary: `${who}: TCP reachable (${tcp.durationMs} ms)`};
	}

	const http = attempt.http;
	if (!http) {
		return {layer: 'none', status: 'pass', summary: `${who}: reachable`};
	}

	if (!http.ok) {
		if (http.errorCode === 'ABORTED') {
			return {layer: 'http', status: 'skipped', summary: `${who}: HTTP not tested: stopped by the operator`};
		}

		return {layer: 'http', status: 'fail', summary: `${who} failed at HTTP: no HTTP response (${http.errorCode ?? 'unknown'})`, remediation: `Check the proxy or firewall between ${from} and ${attempt.host}: the connection opens but no HTTP answer comes back.`, owner: 'proxy-security-team'};
	}

	const markers = http.proxyMarkers ?? [];
	if (http.status === 407 || (http.status === 403 && markers.length > 0)) {
		return {
			layer: 'http',
			status: 'fail',
			summary: `${who} blocked by a proxy: HTTP ${http.status} ${http.reason ?? ''}`.trimEnd() + (markers.length > 0 ? ` (${markers.join('; ')})` : ''),
			remediation: `Allow ${attempt.host} port ${attempt.port} for ${from} on the proxy without authentication: Azure Stack Hub supports no explicit or authenticating proxy.`,
			owner: 'proxy-security-team',
		};
	}

	const via = markers.length > 0 ? `, through a transparent proxy (${markers.join('; ')})` : '';
	return {layer: 'none', status: 'pass', summary: `${who}: reachable (HTTP ${http.status}${via})`};
}
