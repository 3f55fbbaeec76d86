import net from 'node:net';
import {z} from 'zod';
import type {WebScheme} from './probes/web-probe.js';

/**
An endpoint parameter: the endpoint list's shape (`{$endpoints: category}` resolves to these; extra
fields such as purpose are ignored), or a plain `host` / `host:port` string meaning HTTPS.
*/
export const endpointParam = z.union([
	z.string().min(1),
	z.object({
		host: z.string().min(1),
		samples: z.array(z.string().min(1)).optional(),
		ports: z.array(z.number().int().min(1).max(65_535)).min(1).optional(),
		protocol: z.enum(['https', 'http', 'tcp', 'udp']).optional(),
		path: z.string().startsWith('/').optional(),
	}),
]);
export type EndpointParam = z.infer<typeof endpointParam>;

/** One concrete thing to probe, or why an entry cannot be probed. */
export type Target = {published: string; host: string; port: number; scheme: WebScheme; path: string} | {published: string; skip: string};

type EndpointObject = Exclude<EndpointParam, string>;

function fromString(value: string): EndpointObject {
	const match = /^([^:/\s]+)(?::(\d{1,5}))?$/.exec(value);
	return match ? {host: match[1]!, ports: [Number(match[2] ?? 443)], protocol: 'https'} : {host: value};
}

/** Expands endpoints to concrete host × port targets; wildcards use their `samples`. Pure. */
export function expandTargets(endpoints: readonly EndpointParam[]): Target[] {
	const targets: Target[] = [];
	for (const entry of endpoints) {
		const endpoint = typeof entry === 'string' ? fromString(entry) : entry;
		const published = endpoint.host;
		const protocol = endpoint.protocol ?? 'https';
		if (protocol === 'udp') {
			targets.push({published, skip: `${published}: UDP endpoints are not probed here (use acl.flow)`});
			continue;
		}

		const hosts = published.includes('*') ? (endpoint.samples ?? []) : [published];
		if (hosts.length === 0) {
			targets.push({published, skip: `${published}: a wildcard needs concrete sample hosts in the endpoint list`});
			continue;
		}

		for (const host of hosts) {
			if (!/^[a-z\d.-]+$/i.test(host) && net.isIP(host) === 0) {
				targets.push({published, skip: `${host}: not a host name`});
				continue;
			}

			for (const port of endpoint.ports ?? [protocol === 'http' ? 80 : 443]) {
				targets.push({published, host, port, scheme: protocol, path: endpoint.path ?? '/'});
			}
		}
	}

	return targets;
}
