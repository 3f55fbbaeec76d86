import {spawnSync} from 'node:child_process';
import {openSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {sessionPaths} from '../../src/store/session-paths.js';
import {readJournal} from '../../src/store/journal.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';
import {schemaErrors} from '../reports/report-fixtures.js';

/** The built CLI on the mini runbook, no terminal, times in UTC. */
function cli(stateDir: string, args: string[], operator = 'alice') {
	const stdin = openSync('/dev/null', 'r');
	const result = spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', stateDir, '--operator', operator, ...args], {
		stdio: [stdin, 'pipe', 'pipe'],
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1', TZ: 'UTC'},
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('session notes from the command line', () => {
	it('note records who, when and which step in the journal; journal, status of the step, report (md, json, html) and hand-over show it', () => {
		const stateDir = tempDir();
		expect(cli(stateDir, ['run', '--yes']).code).not.toBe(2);
		let result = cli(stateDir, ['note', 'firewall ticket INC-4711 raised', '--step', 'port-open']);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^note on port-open recorded by alice at \d{4}-\d\d-\d\dT/);

		// Without --step: the step where the session is.
		result = cli(stateDir, ['note', 'toolkit', '1.2405.1', 'on', 'the', 'DVM'], 'bob');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^note on enter-dns recorded by bob/);

		const journal = readJournal(sessionPaths(stateDir, 'default').journal);
		expect(journal.problem).toBeUndefined();
		expect(journal.entries.filter(entry => entry.action.type === 'note.added').map(entry => entry.action)).toMatchObject([
			{type: 'note.added', text: 'firewall ticket INC-4711 raised', stepId: 'port-open', by: 'alice'},
			{type: 'note.added', text: 'toolkit 1.2405.1 on the DVM', stepId: 'enter-dns', by: 'bob'},
		]);
		expect(cli(stateDir, ['journal', 'verify']).code).toBe(0);
		expect(cli(stateDir, ['journal']).stdout).toMatch(/\d\d:\d\d alice note on port-open: firewall ticket INC-4711 raised/);

		const json = JSON.parse(cli(stateDir, ['report', '--format', 'json']).stdout) as {notes: unknown[]};
		expect(schemaErrors(json)).toEqual([]);
		expect(json.notes).toMatchObject([
			{text: 'firewall ticket INC-4711 raised', stepId: 'port-open', stepTitle: 'Port reachable', by: 'alice'},
			{text: 'toolkit 1.2405.1 on the DVM', stepId: 'enter-dns', by: 'bob'},
		]);
		const markdown = cli(stateDir, ['report', '--format', 'md']).stdout;
		expect(markdown).toContain('## Session notes');
		expect(markdown).toMatch(/\| \d{4}-\d\d-\d\d \d\d:\d\d UTC \| alice \| Port reachable \(`port-open`\) \| firewall ticket INC-4711 raised \|/);
		const htmlFile = `${stateDir}/report.html`;
		expect(cli(stateDir, ['report', '--format', 'html', '--out', htmlFile]).code).toBe(0);
		expect(readFileSync(htmlFile, 'utf8')).toMatch(/<h2 id="notes">Session notes<\/h2>.*firewall ticket INC-4711 raised/s);
		expect(cli(stateDir, ['handover']).stdout).toMatch(/Session notes\n {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC alice on port-open: firewall ticket INC-4711 raised/);
	});

	it('refuses an empty note, control characters, an overlong note and an unknown step, recording nothing', () => {
		const stateDir = tempDir();
		cli(stateDir, ['run', '--yes']);
		const before = readJournal(sessionPaths(stateDir, 'default').journal).entries.length;
		for (const [args, message] of [
			[['note', '  '], /usage: azs-runbook note "TEXT"/],
			[['note', 'ticket \u001B]0;owned\u0007 42'], /a note must not contain control characters \(found in "ticket \\u001b\]0;owned\\u0007 42"\)/],
			[['note', 'x'.repeat(1001)], /a note holds at most 1000 characters \(this one has 1001\)/],
			[['note', 'text', '--step', 'no-such-step'], /unknown step "no-such-step"/],
		] as const) {
			const result = cli(stateDir, [...args]);
			expect(result.code, result.stderr).toBe(2);
			expect(result.stderr).toMatch(message);
		}

		expect(readJournal(sessionPaths(stateDir, 'default').journal).entries.length).toBe(before);
	});
});
