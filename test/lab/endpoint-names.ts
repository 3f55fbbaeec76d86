import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';

/** The endpoint categories the lab serves, so the runbook's own DVM egress steps pass against it. */
const servedCategories = new Set(['identity', 'crl']);

type ListEntry = {host: string; samples?: string[]; category: string};

/**
The concrete host names of the identity and CRL endpoints of the Azure public list (wildcards through
their samples): the lab's forwarder answers them and its login certificate covers them.
*/
export function servedEndpointNames(repoRoot: string): {identity: string[]; crl: string[]} {
	const file = path.join(repoRoot, 'steps/endpoints/azure-public.yaml');
	const list = parse(fs.readFileSync(file, 'utf8')) as {endpoints: ListEntry[]};
	const names = {identity: new Set<string>(), crl: new Set<string>()};
	for (const entry of list.endpoints) {
		if (servedCategories.has(entry.category)) {
			for (const host of entry.host.includes('*') ? (entry.samples ?? []) : [entry.host]) {
				names[entry.category as 'identity' | 'crl'].add(host);
			}
		}
	}

	return {identity: [...names.identity].sort(), crl: [...names.crl].sort()};
}
