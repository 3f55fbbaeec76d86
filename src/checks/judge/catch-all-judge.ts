import type {CatchAllLook} from '../probes/catch-all-look.js';
import type {Judgement} from './verdict.js';

/**
The one finding for an address that accepts every port: not N holes in an ACL, nor an endpoint
that is up, but a device (transparent proxy, IPS, DNAT rule) answering in the address's place. Pure.
*/
export function judgeCatchAll(look: CatchAllLook, what: string): Judgement {
	const ports = look.records.map(record => /:(\d+)$/.exec(record.target)?.[1]).filter(Boolean).join(', ');
	return {
		status: 'fail',
		summary: `${look.address} accepts every port (also ${ports}, which must be closed): a transparent proxy, IPS or DNAT catch-all answers in its place${what ? `; ${what}` : ''}`,
		remediation: `Find the device that answers for ${look.address} on every port (transparent proxy, IPS, or a DNAT rule on the border) and have it pass traffic to ${look.address} through, or refuse it, instead of answering; until then no probe to ${look.address} says anything about the ACL or the endpoint.`,
		owner: 'proxy-security-team',
	};
}
