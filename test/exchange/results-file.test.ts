import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {sealBundle, type ResultsBundle} from '../../src/exchange/results-bundle.js';
import {cliPath, repoRoot, tempDir} from '../helpers/paths.js';

/*
Results carried on a file between hosts: measured in one session (here: the "HLH", because its
address input is this machine's loopback), exported, and imported into another session that owns
the deployment. Every refusal names its reason, and a refused file changes nothing.
*/

const runbook = path.join(repoRoot, 'test', 'fixtures', 'runbooks', 'vantages.yaml');

function cli(stateDir: string, session: string, ...args: string[]) {
	const run = spawnSync(process.execPath, [cliPath, '--runbook', runbook, '--state-dir', stateDir, '--session', session, '--new', '--operator', 'tester', ...args], {
		cwd: repoRoot,
		encoding: 'utf8',
		timeout: 60_000,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return {code: run.status, stdout: run.stdout, stderr: run.stderr};
}

/** A session with the worksheet values: the HLH is this host (127.0.0.1), the DVM some other address. */
function siteSession(stateDir: string, session: string, target = '127.0.0.1') {
	for (const value of ['dvm_address=10.9.9.10', 'hlh_address=127.0.0.1', `target_host=${target}`]) {
		const set = cli(stateDir, session, 'set', value);
		expect(set.code, set.stderr).toBe(0);
	}
}

function measuredOnHlh() {
	const dir = tempDir();
	const hlhState = path.join(dir, 'hlh');
	siteSession(hlhState, 'hlh');
	const file = path.join(dir, 'hlh-results.json');
	// On the HLH the DVM's phase can never pass: --run measures the HLH's steps here, ungated.
	const exported = cli(hlhState, 'hlh', 'results', 'export', '--run', '--out', file);
	expect(exported.code, exported.stderr + exported.stdout).toBe(0);
	expect(exported.stdout).toMatch(/exported 1 result\(s\) measured from hlh/);
	return {dir, file};
}

function readState(stateDir: string, session: string) {
	return JSON.parse(readFileSync(path.join(stateDir, `session-${session}.json`), 'utf8')) as {
		steps: Record<string, {state: string; result?: {vantage: {name?: string; collected?: {via: string; source: string; host: string}}}}>;
	};
}

function rewrite(file: string, change: (bundle: ResultsBundle) => ResultsBundle, reseal = true) {
	const bundle = JSON.parse(readFileSync(file, 'utf8')) as ResultsBundle;
	const {contentHash, ...content} = change(bundle);
	writeFileSync(file, JSON.stringify(reseal ? sealBundle(content) : {...content, contentHash}));
}

describe('results export and import', () => {
	it('round trip: the HLH result lands in the owning session, labelled hlh and imported from the file', () => {
		const {dir, file} = measuredOnHlh();
		const owner = path.join(dir, 'owner');
		siteSession(owner, 'site');
		const imported = cli(owner, 'site', 'results', 'import', file);
		expect(imported.code, imported.stderr + imported.stdout).toBe(0);
		expect(imported.stdout).toMatch(/took 1, refused 0/);
		const record = readState(owner, 'site').steps['hlh-port']!;
		expect(record.state).toBe('failed');
		expect(record.result!.vantage).toMatchObject({name: 'hlh', collected: {via: 'file', source: 'hlh-results.json'}});
		const journal = cli(owner, 'site', 'journal');
		expect(journal.stdout).toMatch(/check hlh-port → failed \(from hlh .*imported from hlh-results\.json\)/);
		expect(cli(owner, 'site', 'journal', 'verify').code).toBe(0);
		// Status, the report and the hand-over say which host proved what, and how it arrived.
		const status = cli(owner, 'site', 'status');
		expect(status.stdout).toMatch(/hlh: 1\/1 proven \(.+, imported from a file from hlh-results\.json\)/);
		expect(status.stdout).toMatch(/dvm: 0\/1 proven; owes dvm-port/);
		const report = cli(owner, 'site', 'report', '--format', 'md');
		expect(report.stdout).toMatch(/\| hlh \| imported from a file \(hlh-results\.json\) \|/);
		const handover = cli(owner, 'site', 'handover');
		expect(handover.stdout).toMatch(/the hlh, imported from hlh-results\.json/);
	});

	it('refuses an edited file, and changes nothing', () => {
		const {dir, file} = measuredOnHlh();
		const owner = path.join(dir, 'owner');
		siteSession(owner, 'site');
		rewrite(file, bundle => ({...bundle, results: bundle.results.map(item => ({...item, result: {...item.result, status: 'pass', summary: 'all good'}}))}), false);
		const imported = cli(owner, 'site', 'results', 'import', file);
		expect(imported.code).toBe(2);
		expect(imported.stderr).toMatch(/refused: its content hash does not match .*edited after it was written/);
		expect(readState(owner, 'site').steps['hlh-port']).toBeUndefined();
	});

	it('refuses results of another runbook', () => {
		const {dir, file} = measuredOnHlh();
		const owner = path.join(dir, 'owner');
		siteSession(owner, 'site');
		rewrite(file, bundle => ({...bundle, runbookId: 'azure-stack-hub'}));
		const imported = cli(owner, 'site', 'results', 'import', file);
		expect(imported.code).toBe(2);
		expect(imported.stdout).toMatch(/refused: the results are for runbook "azure-stack-hub", this session follows "vantages"/);
	});

	it('refuses a result measured with inputs the session no longer has', () => {
		const {dir, file} = measuredOnHlh();
		const owner = path.join(dir, 'owner');
		siteSession(owner, 'site', '127.0.0.2');
		const imported = cli(owner, 'site', 'results', 'import', file);
		expect(imported.code).toBe(1);
		expect(imported.stdout).toMatch(/hlh-port: refused: measured with target_host=127\.0\.0\.1, the session now has 127\.0\.0\.2: collect it again/);
		expect(readState(owner, 'site').steps['hlh-port']).toBeUndefined();
	});

	it('refuses a step that does not belong to the file\'s vantage', () => {
		const {dir, file} = measuredOnHlh();
		const owner = path.join(dir, 'owner');
		siteSession(owner, 'site');
		rewrite(file, bundle => ({...bundle, results: bundle.results.map(item => ({...item, stepId: 'dvm-port'}))}));
		const imported = cli(owner, 'site', 'results', 'import', file);
		expect(imported.code).toBe(1);
		expect(imported.stdout).toMatch(/dvm-port: refused: runs from dvm, and these results are from hlh/);
		expect(readState(owner, 'site').steps['dvm-port']).toBeUndefined();
	});

	it('refuses a file that is not a results file, without a stack trace', () => {
		const dir = tempDir();
		const owner = path.join(dir, 'owner');
		siteSession(owner, 'site');
		const file = path.join(dir, 'junk.json');
		writeFileSync(file, '{"format": "something else"}');
		const imported = cli(owner, 'site', 'results', 'import', file);
		expect(imported.code).toBe(2);
		expect(imported.stderr).toMatch(/junk\.json: refused: not a results file of this version/);
		expect(imported.stderr).not.toMatch(/\n\s+at /);
	});
});
