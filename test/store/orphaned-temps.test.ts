import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {miniRunbook, tempDir} from '../helpers/paths.js';

const loaded = loadRunbook(miniRunbook);

describe('temporary state files a kill left behind', () => {
	it('are removed on the next open (ours and the older conf writer\'s), other files are left alone', () => {
		const stateDir = tempDir();
		const paths = sessionPaths(stateDir, 'site');
		openSession({loaded, stateDir, name: 'site', operator: 'olga'})!.store.close();
		const good = readFileSync(paths.state);
		const orphans = [`${path.basename(paths.state)}.tmp-4242-a1b2c3d4`, `${path.basename(paths.state)}.tmp-1767225600123abcdef`];
		for (const name of orphans) {
			writeFileSync(path.join(stateDir, name), '{"half":');
		}

		// Another session's temporary file and an unrelated file are not ours to remove.
		writeFileSync(path.join(stateDir, 'session-other.json.tmp-1-deadbeef'), 'x');
		writeFileSync(path.join(stateDir, 'notes.txt'), 'x');
		const opened = openSession({loaded, stateDir, name: 'site', operator: 'olga'})!;
		opened.store.close();
		expect(opened.findings.notices).toContain('removed 2 temporary state files left by an interrupted save');
		const left = readdirSync(stateDir);
		expect(left.filter(name => orphans.includes(name))).toEqual([]);
		expect(left).toEqual(expect.arrayContaining(['notes.txt', 'session-other.json.tmp-1-deadbeef', 'session-site.journal.jsonl', 'session-site.json']));
		expect(readFileSync(paths.state).equals(good)).toBe(true);
	});
});
