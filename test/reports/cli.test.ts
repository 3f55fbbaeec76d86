import {spawnSync} from 'node:child_process';
import {mkdtempSync, openSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath, miniRunbook, repoRoot, tempDir} from '../helpers/paths.js';
import {elements, parseXml, schemaErrors} from './report-fixtures.js';
import {expectMode} from '../helpers/modes.js';

/** Runs the built CLI on the mini runbook as operator alice, times in UTC, no terminal. */
function cli(stateDir: string, args: string[]) {
	const stdin = openSync('/dev/null', 'r');
	const result = spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', stateDir, '--operator', 'alice', ...args], {
		stdio: [stdin, 'pipe', 'pipe'],
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1', TZ: 'UTC'},
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** A session recorded through the real CLI: inputs, a run with failures, an override, a confirmation. */
function recordSession(stateDir = tempDir()): string {
	for (const args of [
		['run', '--yes'],
		['set', 'dns_forwarders=10.0.0.53,10.0.1.53'],
		['set', 'service_port=443'],
		['run', '--yes'],
		['override', 'port-open', '--reason', 'no service yet, accepted by the customer'],
		['confirm', 'backed-up'],
		['run', '--yes'],
	]) {
		cli(stateDir, args);
	}

	return stateDir;
}

describe('journal, report, handover, diff and inputs commands', () => {
	// One recorded session for the commands that only read it (spawning the CLI costs ~0.2 s each).
	let shared = '';
	beforeAll(() => {
		shared = recordSession(mkdtempSync(path.join(os.tmpdir(), 'azs-cli-reports-')));
	});
	afterAll(() => {
		rmSync(shared, {recursive: true, force: true});
	});

	it('journal shows time, who and what; journal verify exits 0, then 3 naming the edited line', () => {
		const stateDir = recordSession();
		const journal = cli(stateDir, ['journal']);
		expect(journal.code).toBe(0);
		expect(journal.stdout).toMatch(/^\d{4}-\d{2}-\d{2}$/m);
		expect(journal.stdout).toMatch(/^\d\d:\d\d alice set dns_forwarders = 10\.0\.0\.53, 10\.0\.1\.53$/m);
		expect(journal.stdout).toMatch(/^\d\d:\d\d alice check port-open → failed: TCP 127\.0\.0\.1:1 refused/m);
		expect(journal.stdout).toMatch(/^\d\d:\d\d alice overrode port-open: no service yet, accepted by the customer$/m);
		expect(journal.stdout).not.toContain('moved to');
		expect(cli(stateDir, ['journal', '--all']).stdout).toContain('moved to');

		const ok = cli(stateDir, ['journal', 'verify']);
		expect(ok.code).toBe(0);
		expect(ok.stdout).toMatch(/^journal ok: \d+ entries, hash chain intact, the saved state agrees/);

		const file = sessionPaths(stateDir, 'default').journal;
		const lines = readFileSync(file, 'utf8').split('\n');
		const line = lines.findIndex(text => text.includes('"type":"step.overridden"'));
		lines[line] = lines[line]!.replace('accepted by the customer', 'accepted by nobody');
		writeFileSync(file, lines.join('\n'));
		const bad = cli(stateDir, ['journal', 'verify']);
		expect(bad.code).toBe(3);
		expect(bad.stdout).toContain(`journal FAILS verification at line ${line + 1}: content does not match its hash (the entry was edited)`);
		expect(cli(stateDir, ['journal']).code).toBe(3);
	});

	it('report writes JSON that validates, Markdown to stdout, JUnit that parses; --redact leaves no address', () => {
		const stateDir = shared;
		const out = path.join(tempDir(), 'report.json');
		const json = cli(stateDir, ['report', '--out', out]);
		expect(json.code).toBe(0);
		expect(json.stderr).toMatch(/wrote the json report to .*report\.json \(\d+ bytes\)/);
		expectMode(out, 0o600);
		expect(schemaErrors(JSON.parse(readFileSync(out, 'utf8')))).toEqual([]);

		const markdown = cli(stateDir, ['report', '--format', 'md']);
		expect(markdown.stdout).toMatch(/^# Deployment report: Mini runbook/);
		expect(markdown.stdout).toContain('⚑ Port reachable (`port-open`): overridden by alice');

		const junit = cli(stateDir, ['report', '--format', 'junit', '--redact']);
		expect(junit.code).toBe(0);
		const root = parseXml(junit.stdout);
		expect(elements(root, 'testcase')).toHaveLength(3);
		expect(junit.stdout).not.toMatch(/10\.0\.[01]\.53|127\.0\.0\.1/);
		expect(junit.stdout).toContain('IP-');

		expect(cli(stateDir, ['report', '--format', 'pdf']).code).toBe(2);
		expect(cli(tempDir(), ['report']).stderr).toContain('no session "default"');
	});

	it('the journal verify command a report and the change requests print runs when pasted, on the same session', () => {
		for (const args of [['report', '--format', 'md'], ['report', '--format', 'html'], ['requests']]) {
			const output = cli(shared, args).stdout;
			const command = /(?:check it (?:later )?with `|Verify with <code>)([^`<]+ journal verify --head \d+:[0-9a-f]{64})/.exec(output)?.[1];
			expect(command, args.join(' ')).toBeDefined();
			// It names the session's state directory and runbook: pasted into a shell elsewhere, it checks this journal.
			expect(command).toContain(shared);
			const pasted = spawnSync('sh', ['-c', command!.replaceAll('&quot;', '"').replaceAll('&#39;', "'")], {cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
			expect(pasted.status, `${command}\n${pasted.stderr}`).toBe(0);
			expect(pasted.stdout).toMatch(/^journal ok: \d+ entries/);
		}
	});

	it('handover names the failing step, its owner, the override and the resume command', () => {
		const stateDir = shared;
		const handover = cli(stateDir, ['handover']);
		expect(handover.code).toBe(0);
		expect(handover.stdout).toMatch(/✖ optional-check \(not blocking\): failed: TCP 127\.0\.0\.1:9 refused[^\n]*\n\s+who: firewall team; do: Allow outbound TCP/);
		expect(handover.stdout).toContain('⚑ port-open: by alice');
		expect(handover.stdout).toContain(`--session default --state-dir ${stateDir} --runbook ${miniRunbook}\n`);
		const redacted = cli(stateDir, ['handover', '--redact']);
		expect(redacted.stdout).not.toContain(stateDir);
		expect(redacted.stdout).not.toMatch(/127\.0\.0\.1|10\.0\.[01]\.53/);
		// The session's name is the site's too: only its token is shown.
		expect(redacted.stdout).toMatch(/Resume\n {2}\S.* --session SESSION-\d+ {3}\(session name, state directory, runbook, CA and resolver left out: redacted\)/);
	});

	it('diff compares runs; a bad --since is a usage error', () => {
		const stateDir = shared;
		const diff = cli(stateDir, ['diff']);
		expect(diff.code).toBe(0);
		expect(diff.stdout).toContain('Still failing (1)\n  ✖ optional-check');
		expect(cli(stateDir, ['diff', '--since', '1h', '--json']).code).toBe(0);
		const bad = cli(stateDir, ['diff', '--since', 'after lunch']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--since must be a time');
	});

	it('inputs export writes an answer file that inputs import loads; refusals exit 2 and the rest is taken', () => {
		const stateDir = shared;
		const file = path.join(tempDir(), 'answers.yaml');
		expect(cli(stateDir, ['inputs', 'export', file]).stdout).toBe(`exported 2 values to ${file}\n`);
		const fresh = tempDir();
		const taken = cli(fresh, ['--new', 'inputs', 'import', file]);
		expect(taken.code).toBe(0);
		expect(taken.stdout).toContain('took 2, unchanged 0, refused 0, still missing 0');
		const listed = cli(fresh, ['inputs']).stdout;
		expect(listed).toMatch(/^dns_forwarders\s+10\.0\.0\.53, 10\.0\.1\.53/m);
		// Columns line up: every title starts at the same place, however long the name or value.
		const titles = ['DNS forwarders', 'Service port'].map(title => listed.split('\n').find(line => line.endsWith(title))!.lastIndexOf(title));
		expect(new Set(titles).size).toBe(1);

		const partial = cli(tempDir(), ['--new', 'inputs', 'import', path.join(repoRoot, 'test', 'fixtures', 'reports', 'answers-partial.yaml')]);
		expect(partial.code).toBe(2);
		expect(partial.stdout).toContain('  ✔ dns_forwarders = 10.0.0.53, 10.0.1.53');
		expect(partial.stdout).toContain('  ✖ service_port: refused: Service port: must be a value or a list, not a mapping');
		expect(partial.stdout).toContain('  · service_port still missing (Setup › Service port)');
		expect(cli(stateDir, ['inputs', 'import', 'answers.txt']).code).toBe(2);
	});
});
