import {spawnSync} from 'node:child_process';
import {openSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {sessionPaths} from '../../src/store/session-paths.js';
import {rewriteForwardersAndRechain} from './rewrite-journal.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

/*
The journal head signed with the engineer's SSH key (real ssh-keygen -Y sign / -Y verify, throwaway
keys): a re-chained rewrite cannot carry the signed head along, and a head signed by another key,
or edited after signing, does not verify.
*/

const haveKeygen = spawnSync('ssh-keygen', ['-Y', 'sign', '-?'], {encoding: 'utf8'}).error === undefined;

function cli(stateDir: string, args: string[]) {
	const result = spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', stateDir, ...args], {stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'], encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, timeout: 60_000});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

function keyPair(dir: string, name: string): {key: string; publicKey: string} {
	const key = path.join(dir, name);
	const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key], {encoding: 'utf8'});
	expect(made.status, made.stderr).toBe(0);
	return {key, publicKey: readFileSync(`${key}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')};
}

describe.skipIf(!haveKeygen)(`journal sign and verify --allowed-signers${haveKeygen ? '' : ' (skipped: ssh-keygen is not installed)'}`, () => {
	it('a good signature verifies; a forged, edited or outdated head does not', () => {
		const dir = tempDir();
		const stateDir = path.join(dir, 'state');
		const alice = keyPair(dir, 'alice');
		const mallory = keyPair(dir, 'mallory');
		const allowed = path.join(dir, 'allowed_signers');
		writeFileSync(allowed, `alice@contoso.example ${alice.publicKey}\n`);
		expect(cli(stateDir, ['set', 'dns_forwarders=10.0.0.53,10.0.1.53']).code).toBe(0);
		expect(cli(stateDir, ['set', 'service_port=443']).code).toBe(0);

		const signed = cli(stateDir, ['journal', 'sign', '--identity', alice.key, '--signer', 'alice@contoso.example']);
		expect(signed.code, signed.stderr).toBe(0);
		expect(signed.stdout).toMatch(/signed journal head 3:[0-9a-f]{64} as alice@contoso\.example/);
		const good = cli(stateDir, ['journal', 'verify', '--allowed-signers', allowed]);
		expect(good.code, good.stdout + good.stderr).toBe(0);
		expect(good.stdout).toMatch(/signed head 3:[0-9a-f]{64}: good signature/);
		expect(good.stdout).toMatch(/head 3:[0-9a-f]{64} is in the journal/);

		// Edited after signing: the text no longer matches its signature.
		const journal = sessionPaths(stateDir, 'default').journal;
		const headFile = `${journal}.head`;
		const original = readFileSync(headFile, 'utf8');
		writeFileSync(headFile, original.replace(/ (\d+):/, ' 2:'));
		const edited = cli(stateDir, ['journal', 'verify', '--allowed-signers', allowed]);
		expect(edited.code).toBe(3);
		expect(edited.stdout).toMatch(/the signature of head 2:.* does not verify for alice@contoso\.example/);

		// Signed by another key in alice's name.
		writeFileSync(headFile, original);
		const forged = spawnSync('ssh-keygen', ['-q', '-Y', 'sign', '-f', mallory.key, '-n', 'azs-runbook-journal', headFile], {encoding: 'utf8', input: 'y\n'});
		expect(forged.status, forged.stderr).toBe(0);
		const byMallory = cli(stateDir, ['journal', 'verify', '--allowed-signers', allowed]);
		expect(byMallory.code).toBe(3);
		expect(byMallory.stdout).toMatch(/does not verify for alice@contoso\.example/);

		// A good signature, but the journal was rewritten and re-chained after it.
		expect(cli(stateDir, ['journal', 'sign', '--identity', alice.key, '--signer', 'alice@contoso.example']).code).toBe(0);
		rewriteForwardersAndRechain(journal);
		const outdated = cli(stateDir, ['journal', 'verify', '--allowed-signers', allowed]);
		expect(outdated.code).toBe(3);
		expect(outdated.stdout).toMatch(/good signature/);
		expect(outdated.stdout).toMatch(/the journal no longer contains head 3:[0-9a-f]{64}: entry 3 now has hash/);
	});
});
