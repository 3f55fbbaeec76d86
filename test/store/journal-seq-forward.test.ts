import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {StateError} from '../../src/store/errors.js';
import {miniRunbook, tempDir} from '../helpers/paths.js';

describe('journalSeq never goes backwards', () => {
	it('a save that would lower it is refused and the saved state is unchanged', () => {
		const stateDir = tempDir();
		const opened = openSession({loaded: loadRunbook(miniRunbook), stateDir, name: 'site', operator: 'zed'})!;
		try {
			const session = opened.controller.dispatch({type: 'input.set', name: 'service_port', value: '22'});
			const before = readFileSync(opened.store.paths.state);
			expect(() => opened.store.save({...session, journalSeq: session.journalSeq - 1})).toThrow(StateError);
			expect(readFileSync(opened.store.paths.state).equals(before)).toBe(true);
		} finally {
			opened.store.close();
		}
	});
});
