import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {caseClashProblem} from '../../src/store/session-paths.js';
import {sessionNameProblem} from '../../src/ui/state/session-name.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

/* NTFS ignores case: "Rack-2" and "rack-2" would be the same files on the HLH. */
describe('session names that differ only in case', () => {
	it('are refused by the store, naming the existing session; the exact name still opens it', () => {
		const stateDir = tempDir();
		const cli = (session: string) => spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', stateDir, '--session', session, '--new', 'set', 'service_port=22'], {encoding: 'utf8'});
		expect(cli('rack-2').status).toBe(0);
		const twin = cli('Rack-2');
		expect(twin.status).toBe(3);
		expect(twin.stderr).toContain('session name "Rack-2" differs only in case from the existing session "rack-2"');
		expect(cli('rack-2').status).toBe(0);
		expect(cli('rack-3').status).toBe(0);
	});

	it('are refused on the start screen as the name is typed', () => {
		expect(caseClashProblem('RACK-2', ['rack-2', 'lab'])).toContain('"rack-2"');
		expect(caseClashProblem('rack-2', ['rack-2'])).toBeUndefined();
		expect(sessionNameProblem('Rack-2', [{name: 'rack-2'}])).toContain('differs only in case');
	});
});
