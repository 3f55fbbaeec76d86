import type {CheckStatus, FixOwner, ProbeRecord} from '../types.js';

export type TcpJudgement = {
	status: CheckStatus;
	summary: string;
	remediation?: string;
	owner?: FixOwner;
};

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
			return `failed (${code ?? 'unknown error'})`;
		}
	}
}

/** Pure verdict for `tcp.connect`: pass when the connection opened. */
export function judgeTcpConnect(record: ProbeRecord, host: string, port: number): TcpJudgement {
	if (record.ok) {
		return {status: 'pass', summary: `TCP ${host}:${port} is reachable (${record.durationMs} ms)`};
	}

	if (record.errorCode === 'ABORTED') {
		return {status: 'skipped', summary: `TCP ${host}:${port} was not tested: stopped by the operator`};
	}

	return {
		status: 'fail',
		summary: `TCP ${host}:${port} ${describeTcpFailure(record.errorCode)}`,
		remediation: `Allow outbound TCP to ${host} port ${port} from this host's source address, then re-run this check.`,
		owner: 'firewall-team',
	};
}
