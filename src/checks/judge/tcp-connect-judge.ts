import type {Resolution} from '../probes/resolve.js';
import type {CheckStatus, FixOwner, ProbeRecord} from '../types.js';
import {judgeDnsRecord} from './dns-outcome.js';
import type {Judgement} from './verdict.js';

export type TcpJudgement = {
	status: CheckStatus;
	summary: string;
	remediation?: string;
	owner?: FixOwner;
};

/** Errors of the operating system's resolver (getaddrinfo): a DNS problem, never a firewall one. */
const resolverErrors: Readonly<Record<string, string>> = {
	EAI_AGAIN: 'temporary failure: no DNS server answered',
	ENOTFOUND: 'the name does not exist or has no address',
	EAI_FAIL: 'the DNS server failed',
	EAI_NODATA: 'no address for the name',
	EAI_NONAME: 'the name is unknown',
};

/** Whether an error code comes from the OS resolver rather than the connection. */
export function isResolverError(code: string | undefined): boolean {
	return code !== undefined && code in resolverErrors;
}

/** Names what an error code means on the wire, for the operator. */
export function describeTcpFailure(code: string | undefined): string {
	switch (code) {
		case 'TIMEOUT': {
			return 'no answer (dropped by a firewall or nothing routes there)';
		}

		case 'ECONNREFUSED': {
			return 'refused (a reset: nothing listens, or a firewall rejects it)';
		}

		case 'EHOSTUNREACH':
		case 'ENETUNREACH': {
			return 'unreachable (ICMP unreachable or administratively prohibited, or no route)';
		}

		case 'ABORTED': {
			return 'stopped by the operator';
		}

		default: {
			return isResolverError(code) ? `could not be resolved by this host's system resolver (${code}: ${resolverErrors[code!]})` : `failed (${code ?? 'unknown error'})`;
		}
	}
}

export type TcpTarget = {
	/** The address connected to, when `host` was a name. */
	address?: string;
	/** How the name was resolved: through the session's forwarders, or (a step's choice) the OS resolver. */
	resolvedVia?: 'forwarders' | 'system';
};

/** Pure verdict for `tcp.connect`: pass when the connection opened; a resolver error is the DNS team's. */
export function judgeTcpConnect(record: ProbeRecord, host: string, port: number, target: TcpTarget = {}): TcpJudgement {
	const shown = target.address ? `${host}:${port} (${target.address})` : `${host}:${port}`;
	const system = target.resolvedVia === 'system' ? " (name resolved by this host's system resolver, not the DNS forwarders)" : '';
	if (record.ok) {
		return {status: 'pass', summary: `TCP ${shown} is reachable (${record.durationMs} ms)${system}`};
	}

	if (record.errorCode === 'ABORTED') {
		return {status: 'skipped', summary: `TCP ${shown} was not tested: stopped by the operator`};
	}

	if (isResolverError(record.errorCode)) {
		return {
			status: 'fail',
			summary: `TCP ${host}:${port}: ${host} ${describeTcpFailure(record.errorCode)}`,
			remediation: `Make ${host} resolvable from this host: check the DNS servers this host uses (or run the step with the session's DNS forwarders), then re-run this check.`,
			owner: 'dns-team',
		};
	}

	return {
		status: 'fail',
		summary: `TCP ${shown} ${describeTcpFailure(record.errorCode)}${system}`,
		remediation: `Allow outbound TCP to ${host}${target.address ? ` (${target.address})` : ''} port ${port} from ${record.localAddress ?? "this host's source address"}, then re-run this check.`,
		owner: 'firewall-team',
	};
}

/** Verdict when the name did not resolve through the forwarders: a DNS finding, judged from the last query. */
export function judgeUnresolved(host: string, port: number, resolution: Resolution): Judgement {
	const last = resolution.records.at(-1);
	if (resolution.aborted) {
		return {status: 'skipped', summary: `TCP ${host}:${port} was not tested: stopped by the operator`};
	}

	if (!last) {
		return {status: 'error', summary: `TCP ${host}:${port}: cannot resolve ${host}: ${resolution.reason}`, remediation: 'Enter the DNS forwarders in the worksheet inputs: names resolve through them, as the deployment resolves them.'};
	}

	const verdict = judgeDnsRecord(last);
	return {...verdict, status: verdict.status === 'pass' ? 'fail' : verdict.status, summary: `TCP ${host}:${port}: cannot resolve ${host} through the DNS forwarders: ${verdict.summary}`, owner: verdict.owner ?? 'dns-team'};
}
