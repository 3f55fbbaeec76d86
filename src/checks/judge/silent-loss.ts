import type {FixOwner, ProbeRecord} from '../types.js';
import type {Judgement} from './verdict.js';

/** What stayed silent and whose server it is. */
export type Silence = {
	/** The silent probe's kind (`dns-udp`, `dns-tcp`, `ntp`): a resend of the same kind explains it, another kind is just a sign of life. */
	kind: string;
	/** Start of the summary, e.g. `management.azure.com via UDP 10.0.0.53` or `NTP 10.0.0.123`. */
	what: string;
	/** The silent service, e.g. `UDP 53`. */
	service: string;
	server: string;
	/** The probe's source address, for the firewall rule. */
	from: string;
	/** Who owns the server (DNS team, customer) and what it is, for "nothing answers there". */
	serverOwner: FixOwner;
	role: string;
};

/** Whether a record is a silent attempt the second look is about: no reply, no connection, no ICMP. */
export function isSilent(record: ProbeRecord): boolean {
	return record.errorCode === 'TIMEOUT' && record.connected !== true && record.secondLook !== true;
}

/** What a record shows the host doing, when it shows it alive (answered, accepted or reset). */
function signOfLife(record: ProbeRecord): string | undefined {
	const port = typeof record.port === 'number' ? record.port : Number(/:(\d+)/.exec(record.target)?.[1]);
	const replied = record.ok || record.rcode !== undefined || record.replyBytes !== undefined;
	if (record.kind === 'dns-udp' || record.kind === 'dns-tcp') {
		const transport = record.kind === 'dns-udp' ? 'UDP' : 'TCP';
		if (replied) {
			return `answers DNS over ${transport} ${port}`;
		}

		if (record.kind === 'dns-tcp' && record.connected === true) {
			return `accepts TCP ${port}`;
		}

		return record.errorCode === 'ECONNREFUSED' ? `rejects ${transport} ${port} (${transport === 'UDP' ? 'ICMP port unreachable' : 'reset'})` : undefined;
	}

	if (record.kind === 'ntp') {
		return replied ? `answers NTP on UDP ${port}` : record.errorCode === 'ECONNREFUSED' ? `rejects UDP ${port} (ICMP port unreachable)` : undefined;
	}

	if (record.kind === 'tcp') {
		return record.ok ? `accepts TCP ${port}` : record.errorCode === 'ECONNREFUSED' ? `resets TCP ${port}` : undefined;
	}

	return undefined;
}

/**
Verdict for a service that stayed silent, from everything measured at the same address (the check's
own records and its bounded second look). Pure. In order:
- a reply from another address: name it (network team: asymmetric routing or NAT answers in its place);
- the unconnected resend answered from the server: slower than the timeout, or packets are being lost (warn, network team);
- any sign of life (another transport answered, a closed port reset): the service is filtered (firewall team);
- nothing at all: the server is down or the address is wrong (the server's owner), naming the firewall as the other possibility.
Undefined when there was no complete second look (the caller keeps its own single-probe verdict).
*/
export function judgeSilence(silence: Silence, evidence: readonly ProbeRecord[]): Judgement | undefined {
	const looks = evidence.filter(record => record.secondLook === true);
	// No look, or one the operator stopped: it proves nothing either way.
	if (looks.length === 0 || looks.some(record => record.errorCode === 'ABORTED')) {
		return undefined;
	}

	const {what, service, server, from} = silence;
	const resend = looks.find(record => record.unconnected === true && record.kind === silence.kind);
	const replyFrom = typeof resend?.replyFrom === 'string' ? resend.replyFrom : undefined;
	if (resend && replyFrom && replyFrom !== server) {
		const valid = resend.ok || resend.rcode !== undefined || resend.stratum !== undefined;
		return {
			status: 'fail',
			summary: `${what}: no answer from ${server}; the ${valid ? 'answer' : 'reply (invalid)'} came from ${replyFrom}, not from the server you asked`,
			remediation: `Replies for ${server} come back from ${replyFrom}: asymmetric routing or a NAT on the path answers from another address, and ${from} drops them. Make the replies return from ${server} (route or NAT rule), or, if ${replyFrom} is the real server, put ${replyFrom} in the worksheet instead.`,
			owner: 'network-team',
		};
	}

	if (resend && (resend.ok || resend.replyBytes !== undefined)) {
		return {
			status: 'warn',
			// Two causes this cannot tell apart: a server slower than the timeout (a DNS forwarder
			// resolving upstream answers the resend from its cache) or loss on the path. Say both.
			summary: `${what}: the first query got no answer, a second one did: ${server} answers slower than the timeout (e.g. a slow upstream), or packets to or from it are being lost`,
			remediation: `Check how long ${server} takes to answer on ${service} (a slow upstream or overloaded server), and look for packet loss or rate limiting between ${from} and ${server}.`,
			owner: 'network-team',
		};
	}

	// A reply from another address is no sign of life of this host.
	const fromHere = evidence.filter(record => typeof record.replyFrom !== 'string' || record.replyFrom === server);
	const alive = [...new Set(fromHere.map(record => signOfLife(record)).filter((sign): sign is string => sign !== undefined))];
	const timing = looks.map(record => `${record.kind} ${record.errorCode ?? 'ok'} in ${record.durationMs} ms`).join(', ');
	if (alive.length > 0) {
		return {
			status: 'fail',
			summary: `${what}: no answer on ${service}, but the host ${alive.join(' and ')}: ${service} is filtered on the way (or by the host's own firewall)`,
			remediation: `Allow ${service.replace(' ', ' port ')} from ${from} to ${server} on the firewall in the path (second look: ${timing}).`,
			owner: 'firewall-team',
		};
	}

	const icmp = looks.find(record => record.errorCode === 'EHOSTUNREACH' || record.errorCode === 'ENETUNREACH');
	const closed = looks.find(record => record.kind === 'tcp');
	const probe = closed ? `${icmp ? 'ICMP unreachable' : 'no reset'} from TCP ${String(/:(\d+)$/.exec(closed.target)?.[1] ?? '')}` : 'no other reply';
	return {
		status: 'fail',
		summary: `${what}: nothing at ${server} answers at all (no reply on ${service}, ${probe}): ${silence.role} is down or the address is wrong, or a firewall drops everything to it`,
		remediation: `Check that ${server} is up and is the right address for ${silence.role}; if it is, allow ${service.replace(' ', ' port ')} from ${from} to ${server} on the firewall (second look: ${timing}).`,
		owner: silence.serverOwner,
	};
}
