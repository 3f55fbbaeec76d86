import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {CorruptStateError} from '../../src/store/errors.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {miniRunbook, tempDir} from '../helpers/paths.js';
import {expectMode} from '../helpers/modes.js';

const loaded = loadRunbook(miniRunbook);

function openIn(stateDir: string) {
	return openSession({loaded, stateDir, name: 'site', operator: 'carol'})!;
}

function savedSessionText(stateDir: string): string {
	const opened = openIn(stateDir);
	opened.controller.dispatch({type: 'input.set', name: 'service_port', value: '443'});
	opened.store.close();
	return readFileSync(sessionPaths(stateDir, 'site').state, 'utf8');
}

const damages: Array<[string, (valid: string) => string | Buffer, RegExp]> = [
	['truncated', valid => valid.slice(0, Math.floor(valid.length / 2)), /not valid JSON/],
	['empty', () => '', /the file is empty/],
	['binary garbage', () => Buffer.from([0, 159, 146, 150, 255, 1, 2, 3]), /not valid JSON/],
	['valid JSON of the wrong shape', () => JSON.stringify({schemaVersion: 1, hello: 'world'}), /wrong shape/],
	['an array', () => '[1,2,3]', /not a JSON object/],
	['a future schema version', valid => valid.replace('"schemaVersion":1', '"schemaVersion":99'), /newer than this azs-runbook understands/],
];

describe('a state file that cannot be used', () => {
	for (const [name, damage, message] of damages) {
		it(`is kept aside and reported, never overwritten: ${name}`, () => {
			const stateDir = tempDir();
			const file = sessionPaths(stateDir, 'site').state;
			const damaged = damage(savedSessionText(stateDir));
			writeFileSync(file, damaged);

			let error: unknown;
			try {
				openIn(stateDir);
			} catch (caught) {
				error = caught;
			}

			expect(error).toBeInstanceOf(CorruptStateError);
			const {keptAt, message: text} = error as CorruptStateError;
			expect(text).toMatch(message);
			expect(text).toContain(keptAt);
			expect(existsSync(file)).toBe(false);
			// The journal goes aside with it, so a new session never continues the old chain.
			const journal = sessionPaths(stateDir, 'site').journal;
			expect(existsSync(journal)).toBe(false);
			expect(existsSync(`${journal}${keptAt.slice(file.length)}`)).toBe(true);
			expect(readFileSync(keptAt)).toEqual(Buffer.from(damaged));
			expect(path.basename(keptAt)).toMatch(/^session-site\.json\.corrupt-\d{4}-\d{2}-\d{2}T/);

			// The next open starts a new state beside the kept file; the kept file is untouched.
			const fresh = openIn(stateDir);
			expect(fresh.findings.resumed).toBe(false);
			fresh.store.close();
			expect(readFileSync(keptAt)).toEqual(Buffer.from(damaged));
		});
	}
});

describe('state files', () => {
	it('are created with mode 0600, state and journal alike', () => {
		const stateDir = tempDir();
		savedSessionText(stateDir);
		const paths = sessionPaths(stateDir, 'site');
		expectMode(paths.state, 0o600);
		expectMode(paths.journal, 0o600);
		expect(readdirSync(stateDir).filter(file => file.endsWith('.lock'))).toEqual([]);
	});

	it('migrates an older schema version and keeps the original as a backup', () => {
		const stateDir = tempDir();
		const file = sessionPaths(stateDir, 'site').state;
		const current = JSON.parse(savedSessionText(stateDir)) as Record<string, unknown> & {journalSeq?: number; stepHashes?: unknown};
		const {journalSeq: _seq, stepHashes: _hashes, ...older} = {...current, schemaVersion: 0};
		writeFileSync(file, JSON.stringify(older));
		const opened = openIn(stateDir);
		expect(opened.findings.notices.join('\n')).toContain('migrated from schema version 0');
		expect(opened.controller.session.inputs.service_port?.value).toBe('443');
		opened.store.close();
		expect(JSON.parse(readFileSync(`${file}.v0.bak`, 'utf8'))).toEqual(older);
		expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(1);
	});
});
