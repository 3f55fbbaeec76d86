import {spawnSync} from 'node:child_process';
import {openSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {sessionPaths} from '../../src/store/session-paths.js';
import {rewriteForwardersAndRechain} from './rewrite-journal.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

function cli(stateDir: string, args: string[]) {
	const result = spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', stateDir, ...args], {stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'], encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

/*
The hash chain catches accidents, not a rewrite: edit an entry and re-chain every hash after it,
and the chain verifies again. The head printed earlier (SEQ:HASH) is the anchor that catches it.
*/
describe('journal verify --head', () => {
	it('a re-chained rewrite passes the chain check but not the head written down before', () => {
		const stateDir = tempDir();
		expect(cli(stateDir, ['set', 'dns_forwarders=10.0.0.53,10.0.1.53']).code).toBe(0);
		expect(cli(stateDir, ['set', 'service_port=443']).code).toBe(0);
		const before = cli(stateDir, ['journal', 'verify']);
		const head = /journal head (\d+:[0-9a-f]{64})/.exec(before.stdout)?.[1];
		expect(head).toBeDefined();
		expect(cli(stateDir, ['journal', 'verify', '--head', head!]).stdout).toContain(`head ${head} is in the journal (0 entries after it)`);

		// The rewrite: the forwarders changed in the record, every later hash recomputed.
		const file = sessionPaths(stateDir, 'default').journal;
		rewriteForwardersAndRechain(file);

		const chainOnly = cli(stateDir, ['journal', 'verify']);
		expect(chainOnly.stdout).not.toContain(`journal head ${head}`);
		const anchored = cli(stateDir, ['journal', 'verify', '--head', head!]);
		expect(anchored.code).toBe(3);
		expect(anchored.stdout).toContain(`the journal no longer contains head ${head}`);
		expect(cli(stateDir, ['journal', 'verify', '--head', 'nonsense']).code).toBe(2);
	});
});
