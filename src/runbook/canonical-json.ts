import {createHash} from 'node:crypto';

/*
The hashes that tie a session to its runbook and a journal entry to the one before it. Kept apart
from the step-file loader so the store and the exchange formats hash without loading the YAML
parser and the validators.
*/

/** JSON with object keys sorted, so the hash does not depend on key order in the file. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
			return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
		}

		return inner;
	});
}

export function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}
