import {z} from 'zod';
import {endpointParam, expandTargets, type Target} from './endpoints.js';
import {judgeProxy, type TransparentEvidence} from './judge/proxy-judge.js';
import {attemptEgress, attemptRecords} from './probes/egress-attempt.js';
import {probesOf} from './probes/real-probes.js';
import {diagnoseProxy, type ProxyDiagnosis} from './proxy/diagnose-proxy.js';
import {findEnvProxies, type ConfiguredProxy} from './proxy/env-proxy.js';
import {asList, startRun} from './result.js';
import type {CheckDefinition, ProbeRecord} from './types.js';

const params = z.strictObject({
	/** The environment to inspect; default: this process's. Tests and training pass their own. */
	env: z.record(z.string(), z.string()).optional(),
	/** Read `netsh winhttp show proxy`; default: only on Windows. */
	winHttp: z.boolean().optional(),
	/** Connect to a port nothing should answer on; if it connects, a device answers for everything. */
	unlikelyPort: z.strictObject({host: z.string().min(1), port: z.number().int().min(1).max(65_535).default(81)}).optional(),
	/** Evidence of other checks (egress.endpoint, tls.not-intercepted) to scan for proxy headers and interception. */
	evidence: z.array(z.record(z.string(), z.unknown())).optional(),
	/** With a proxy configured: the endpoints (e.g. identity) to try directly and through it with CONNECT. */
	endpoints: z.union([endpointParam, z.array(endpointParam).min(1)]).optional(),
	timeoutMs: z.number().int().positive().max(60_000).optional(),
});

/** The second look tries at most this many endpoints: enough to tell "direct works" from "direct fails". */
const maxDiagnosedEndpoints = 3;

function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Reads proxy headers and interception issuers out of other checks' probe records. */
export function transparentFromEvidence(evidence: readonly Record<string, unknown>[]): TransparentEvidence {
	const proxyHeaders = evidence.flatMap(record => (record.kind === 'http' ? strings(record.proxyMarkers) : []));
	const interceptionIssuers = evidence.flatMap(record => {
		const issuers = strings(record.issuers);
		const unverified = record.kind === 'tls' && typeof record.chainError === 'string' && record.chainError !== 'DEPTH_ZERO_SELF_SIGNED_CERT' && record.chainError !== 'CERT_HAS_EXPIRED';
		return unverified && issuers[0] ? [issuers[0]] : [];
	});
	return {proxyHeaders, interceptionIssuers};
}

/** `proxy.none`: no explicit proxy on this host, and no TLS-intercepting transparent proxy in the path. */
export const proxyNone: CheckDefinition<typeof params> = {
	id: 'proxy.none',
	title: 'No explicit proxy',
	description: 'Fails when HTTP(S)_PROXY / ALL_PROXY (or, on Windows, WinHTTP) configure a proxy; warns on signs of a transparent proxy, fails on TLS interception.',
	params,
	async run(input, context) {
		const run = startRun('proxy.none');
		const timeoutMs = input.timeoutMs ?? context.timeoutMs;
		const probes = probesOf(context);
		const configured: ConfiguredProxy[] = findEnvProxies(input.env ?? probes.environment());
		const checked = ['HTTP_PROXY/HTTPS_PROXY/ALL_PROXY'];
		const evidence: ProbeRecord[] = [];
		const unreadable: string[] = [];
		if (input.winHttp ?? process.platform === 'win32') {
			checked.push('WinHTTP');
			const winHttp = await probes.winHttpProxy(context.signal, timeoutMs);
			evidence.push({target: 'netsh winhttp show proxy', kind: 'command', ok: !('unknown' in winHttp), durationMs: 0, winHttp});
			if ('direct' in winHttp && !winHttp.direct) {
				configured.push({source: `WinHTTP (${winHttp.from ?? 'netsh winhttp show proxy'})`, value: winHttp.server});
			} else if ('unknown' in winHttp) {
				unreadable.push(`the WinHTTP proxy setting could not be read (${winHttp.unknown})`);
			}
		}

		let diagnosis: ProxyDiagnosis | undefined;
		const targets = expandTargets(asList(input.endpoints)).filter((target): target is Exclude<Target, {skip: string}> => !('skip' in target)).slice(0, maxDiagnosedEndpoints);
		if (configured.length > 0 && targets.length > 0) {
			// Which remediation is right depends on whether the endpoints answer without the proxy.
			diagnosis = await diagnoseProxy(configured[0]!.value, targets, timeoutMs, context, probes);
			evidence.push(...diagnosis.records);
		}

		const transparent = transparentFromEvidence(input.evidence ?? []);
		if (input.unlikelyPort) {
			checked.push(`unlikely port ${input.unlikelyPort.host}:${input.unlikelyPort.port}`);
			const attempt = await attemptEgress({host: input.unlikelyPort.host, port: input.unlikelyPort.port, scheme: 'tcp', path: '/', method: 'HEAD', dnsServers: context.dnsServers, extraCaPem: [], timeoutMs, signal: context.signal, probes});
			evidence.push(...attemptRecords(attempt));
			if (attempt.tcp?.ok) {
				transparent.unlikelyPortOpen = `${input.unlikelyPort.host}:${input.unlikelyPort.port}`;
			}
		}

		if (context.signal.aborted) {
			return run.finish({status: 'skipped', summary: 'proxy check stopped by the operator'}, evidence);
		}

		return run.finish(judgeProxy(configured, transparent, checked, diagnosis, unreadable), evidence);
	},
};
