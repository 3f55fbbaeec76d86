import net from 'node:net';
import type {Target} from '../endpoints.js';
import {judgeEgress} from '../judge/egress-judge.js';
import {attemptEgress, attemptRecords} from '../probes/egress-attempt.js';
import {resolveThroughForwarders} from '../probes/resolve.js';
import type {CheckContext, ProbeRecord, ProbeSet} from '../types.js';
import {authSchemes, parseProxyAddress} from './proxy-address.js';

/** How one endpoint fared without the proxy. */
export type DirectTry = {target: string; ok: boolean; summary: string};

/** What the proxy answered to `CONNECT target`. */
export type ProxyTry = {proxy: string; target: string; status?: number; reason?: string; schemes: string[]; via?: string; failure?: string};

export type ProxyDiagnosis = {direct: DirectTry[]; viaProxy: ProxyTry[]; records: ProbeRecord[]};

type Concrete = Exclude<Target, {skip: string}>;

/**
The second look at an explicit proxy: each endpoint tried directly (as Azure Stack Hub will, with no
proxy) and through the proxy with HTTP CONNECT, recording what the proxy said (status, the
Proxy-Authenticate schemes, Via). Bounded by the caller's list (a few endpoints, one proxy);
each probe has the check's timeout and honours cancellation.
*/
export async function diagnoseProxy(proxyValue: string, targets: readonly Concrete[], timeoutMs: number, context: CheckContext, probes: ProbeSet): Promise<ProxyDiagnosis> {
	const records: ProbeRecord[] = [];
	const direct: DirectTry[] = [];
	const viaProxy: ProxyTry[] = [];
	const proxy = parseProxyAddress(proxyValue);
	let proxyAddress: string | undefined;
	let proxyFailure: string | undefined;
	if (!proxy) {
		proxyFailure = `cannot read a proxy address from "${proxyValue}"`;
	} else if (net.isIP(proxy.host)) {
		proxyAddress = proxy.host;
	} else {
		const resolution = await resolveThroughForwarders(proxy.host, context.dnsServers, timeoutMs, context.signal, probes);
		records.push(...resolution.records);
		proxyAddress = resolution.address;
		proxyFailure = proxyAddress ? undefined : `the proxy's name ${proxy.host} does not resolve: ${resolution.reason}`;
	}

	for (const target of targets) {
		if (context.signal.aborted) {
			break;
		}

		const name = `${target.host}:${target.port}`;
		const attempt = await attemptEgress({...target, method: 'HEAD', dnsServers: context.dnsServers, extraCaPem: context.extraCaPem, timeoutMs, signal: context.signal, probes});
		records.push(...attemptRecords(attempt).map(record => ({...record, path: 'direct'})));
		const judged = judgeEgress(attempt);
		direct.push({target: name, ok: judged.status === 'pass', summary: judged.summary});
		if (!proxy || !proxyAddress) {
			viaProxy.push({proxy: proxyValue, target: name, schemes: [], failure: proxyFailure});
			continue;
		}

		const web = await probes.web({address: proxyAddress, port: proxy.port, hostname: proxy.host, scheme: 'http', extraCaPem: [], timeoutMs, signal: context.signal, http: {method: 'CONNECT', path: name}});
		records.push(...[web.tcp, web.http].filter((record): record is ProbeRecord => Boolean(record)).map(record => ({...record, path: 'proxy'})));
		const at = `${proxy.host}:${proxy.port}`;
		if (!web.http?.ok) {
			const failure = web.tcp.ok ? `no HTTP answer (${web.http?.errorCode ?? 'unknown'})` : `cannot connect (${web.tcp.errorCode ?? 'unknown'})`;
			viaProxy.push({proxy: at, target: name, schemes: [], failure});
			continue;
		}

		const markers = web.http.proxyMarkers ?? [];
		const via = markers.find(marker => marker.toLowerCase().startsWith('via:'))?.slice(4).trim();
		viaProxy.push({proxy: at, target: name, status: web.http.status, reason: web.http.reason, schemes: authSchemes(markers), ...(via ? {via} : {})});
	}

	return {direct, viaProxy, records};
}
