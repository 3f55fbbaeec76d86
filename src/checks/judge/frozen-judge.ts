import type {Judgement} from './verdict.js';

/** The DNS and NTP values the worksheet froze, or the values configured now. */
export type NetworkValues = {dnsForwarders?: string | string[]; ntpServer?: string | string[]};

function normalise(value: string | string[] | undefined): string[] | undefined {
	if (value === undefined) {
		return undefined;
	}

	return [...new Set((Array.isArray(value) ? value : [value]).map(item => item.trim()).filter(Boolean))].sort();
}

const reason = 'every switch ACL embeds the DNS and NTP addresses by protocol and port, so changing them means reconfiguring every switch';

/**
Verdict for `config.frozen-unchanged`: the forwarders and time server still equal the frozen worksheet
values. Order does not matter (ACLs list addresses, not preferences). Pure, no I/O.
*/
export function judgeFrozen(frozen: NetworkValues, current: NetworkValues): Judgement {
	const changes: string[] = [];
	const missing: string[] = [];
	for (const [key, label] of [['dnsForwarders', 'DNS forwarders'], ['ntpServer', 'NTP server']] as const) {
		const before = normalise(frozen[key]);
		const now = normalise(current[key]);
		if (!before) {
			continue;
		}

		if (!now) {
			missing.push(label);
			continue;
		}

		if (before.join(',') !== now.join(',')) {
			changes.push(`${label} changed from ${before.join(', ')} to ${now.join(', ')}`);
		}
	}

	if (normalise(frozen.dnsForwarders) === undefined && normalise(frozen.ntpServer) === undefined) {
		return {status: 'error', summary: 'no frozen DNS or NTP values to compare with: complete the worksheet phase first'};
	}

	if (changes.length > 0) {
		return {
			status: 'fail',
			summary: `${changes.join('; ')}: ${reason}`,
			remediation: 'Restore the frozen values, or, if the change is intended, have every switch ACL reconfigured for the new addresses first and record the change by unfreezing the input with a reason.',
			owner: 'operator',
		};
	}

	if (missing.length > 0) {
		return {status: 'error', summary: `no current value for ${missing.join(' and ')} to compare with the frozen worksheet`};
	}

	return {status: 'pass', summary: 'DNS forwarders and NTP server still equal the frozen worksheet values'};
}
