import {readFileSync, writeFileSync} from 'node:fs';
import {entryHash, type JournalEntry} from '../../src/store/journal.js';

/**
The rewrite a hash chain alone cannot catch: the DNS forwarders changed in the record and every
later hash recomputed, so the chain verifies again. Only an anchored head (written down or signed) does.
*/
export function rewriteForwardersAndRechain(file: string, forwarders: string[] = ['10.9.9.9']): void {
	const entries = readFileSync(file, 'utf8').trim().split('\n').map(line => JSON.parse(line) as JournalEntry);
	let prev = entries[0]!.prev;
	const rewritten = entries.map(entry => {
		const action = entry.action.type === 'input.set' && entry.action.name === 'dns_forwarders' ? {...entry.action, value: forwarders} : entry.action;
		const next = {...entry, action, prev};
		const hashed = {...next, hash: entryHash(next)};
		prev = hashed.hash;
		return hashed;
	});
	writeFileSync(file, `${rewritten.map(entry => JSON.stringify(entry)).join('\n')}\n`);
}
