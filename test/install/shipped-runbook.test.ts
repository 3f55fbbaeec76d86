import {spawnSync} from 'node:child_process';
import {appendFileSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {shippedRunbook} from '../../src/runbook/shipped-runbook.js';
import {cliPath, repoRoot, tempDir} from '../helpers/paths.js';

/** The bundle and steps/ side by side, as in a kit, with an empty state directory. */
function kitCopy() {
	const kit = tempDir('azs-shipped-');
	cpSync(cliPath, path.join(kit, 'azs-runbook.mjs'));
	cpSync(path.join(repoRoot, 'steps'), path.join(kit, 'steps'), {recursive: true});
	const stateDir = path.join(kit, 'state');
	const run = (args: string[]) => spawnSync(process.execPath, [path.join(kit, 'azs-runbook.mjs'), '--state-dir', stateDir, ...args], {cwd: kit, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	const cachedRunbooks = () => (existsSync(path.join(stateDir, 'cache')) ? readdirSync(path.join(stateDir, 'cache')).filter(name => name.startsWith('runbook-')) : []);
	return {kit, run, cachedRunbooks};
}

describe('the runbook validated when the bundle was built', () => {
	it('serves a first start of the shipped runbook: nothing parsed, so no runbook cache is written', () => {
		const {run, cachedRunbooks} = kitCopy();
		const status = run(['status']);
		expect(status.status, status.stderr).toBe(0);
		expect(status.stdout).toContain('runbook azure-stack-hub');
		expect(cachedRunbooks()).toEqual([]);
	});

	it('is not trusted once the shipped runbook changed: the edit is validated and refused with file:line', () => {
		const {kit, run, cachedRunbooks} = kitCopy();
		appendFileSync(path.join(kit, 'steps', 'azure-stack-hub.yaml'), '\nnot_a_runbook_key: 1\n');
		const status = run(['status']);
		expect(status.status).toBe(2);
		expect(status.stderr).toMatch(/steps[\\/]azure-stack-hub\.yaml:\d+:\d+/);
		expect(status.stderr).toContain('not_a_runbook_key');
		expect(cachedRunbooks()).toEqual([]);
	});

	it('is not trusted once an endpoint list changed, nor for another file with the same content (--runbook)', () => {
		const {kit, run, cachedRunbooks} = kitCopy();
		const list = path.join(kit, 'steps', 'endpoints', 'azure-public.yaml');
		writeFileSync(list, `${readFileSync(list, 'utf8')}\n# a comment changes the bytes, not the meaning\n`);
		expect(run(['status']).status).toBe(0);
		// Parsed and validated again: the result is cached beside the sessions as for any runbook.
		expect(cachedRunbooks()).toHaveLength(1);

		const copy = path.join(kit, 'operator.yaml');
		cpSync(path.join(repoRoot, 'steps', 'azure-stack-hub.yaml'), copy);
		cpSync(path.join(repoRoot, 'steps', 'endpoints'), path.join(kit, 'endpoints'), {recursive: true});
		expect(run(['--runbook', copy, 'status']).status).toBe(0);
		expect(cachedRunbooks()).toHaveLength(2);
	});

	it('does not exist outside the bundle', () => {
		expect(shippedRunbook(path.join(repoRoot, 'steps', 'azure-stack-hub.yaml'))).toBeUndefined();
	});
});
