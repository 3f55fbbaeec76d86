import {readdirSync} from 'node:fs';
import path from 'node:path';
import {embeddedRunbookPath} from '../install/steps-dir.js';
import {loadEndpointList} from '../runbook/load-runbook.js';

/** The Microsoft endpoint names the runbook ships (steps/endpoints/*.yaml): public, and support needs them readable. */
export type PublishedEndpoints = {exact: ReadonlySet<string>; wildcardSuffixes: readonly string[]};

let cached: PublishedEndpoints | undefined;

/** Read once per process from the embedded endpoint lists; empty when they cannot be read (then everything is redacted). */
export function publishedEndpoints(): PublishedEndpoints {
	if (cached) {
		return cached;
	}

	const exact = new Set<string>();
	const wildcardSuffixes = new Set<string>();
	try {
		const dir = path.join(path.dirname(embeddedRunbookPath()), 'endpoints');
		for (const file of readdirSync(dir).filter(name => name.endsWith('.yaml')).sort()) {
			for (const endpoint of loadEndpointList(path.join(dir, file)).endpoints) {
				const host = endpoint.host.toLowerCase();
				if (host.startsWith('*.')) {
					wildcardSuffixes.add(host.slice(2));
				} else {
					exact.add(host);
				}
			}
		}
	} catch {
		// Redaction must still work without them: it only means fewer names stay readable.
	}

	cached = {exact, wildcardSuffixes: [...wildcardSuffixes].sort((a, b) => b.length - a.length)};
	return cached;
}
