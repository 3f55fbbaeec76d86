import {spawnSync} from 'node:child_process';
import {existsSync, openSync, readdirSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {appendToInbox, readInbox} from '../../src/store/inbox.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

function cli(stateDir: string, args: string[]) {
	const result = spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', stateDir, '--operator', 'alice', ...args], {stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'], encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('the session inbox', () => {
	it('reads only complete lines, classifies what is not a request, and never throws on bad input', () => {
		const file = `${tempDir()}/session-x.inbox.jsonl`;
		appendToInbox(file, {action: {type: 'note.added', text: 'ticket 1', stepId: 'read-me'}, at: '2026-01-05T08:00:00.000Z', by: 'bob'});
		writeFileSync(file, 'not json\n{"action":{"type":"step.overridden","stepId":"x"},"at":"t","by":"b"}\n{"action":{"type":"hint.shown","stepId":"x","hint":"one"},"at":"t","by":"b"}\n{"half": ', {flag: 'a'});
		const items = readInbox(file, 0);
		expect(items.map(item => ('request' in item ? item.request.action.type : item.problem))).toEqual([
			'note.added',
			'not valid JSON',
			'not an inbox request',
			'a hint.shown request with missing or wrong fields',
		]);
		// The offset after the last complete line: the half-written one waits.
		expect(readInbox(file, items.at(-1)!.end)).toEqual([]);
	});

	it('a request left in the inbox is taken in by the next open, once; bad lines are journalled as skipped; reset sets the inbox aside', () => {
		const stateDir = tempDir();
		expect(cli(stateDir, ['run', '--yes']).code).not.toBe(2);
		const {inbox} = sessionPaths(stateDir, 'default');
		// As a sender would have left it while a TUI (since killed) held the session.
		appendToInbox(inbox, {action: {type: 'note.added', text: 'left by carol', stepId: 'read-me'}, at: '2026-01-05T08:00:00.000Z', by: 'carol'});
		writeFileSync(inbox, 'garbage\n', {flag: 'a'});
		const status = cli(stateDir, ['note', 'second']);
		expect(status.code, status.stderr).toBe(0);
		expect(status.stderr).toContain('took in 2 requests sent while the session was open elsewhere');
		const journal = cli(stateDir, ['journal']).stdout;
		expect(journal).toMatch(/carol note on read-me: left by carol/);
		expect(journal).toContain('did not take in a request sent to the open session: not valid JSON');
		expect(cli(stateDir, ['journal', 'verify']).code).toBe(0);
		expect(cli(stateDir, ['note', 'third']).stderr).not.toContain('took in');

		expect(cli(stateDir, ['reset', '--yes']).code).toBe(0);
		expect(existsSync(inbox)).toBe(false);
		expect(readdirSync(stateDir).some(name => name.startsWith('session-default.inbox.jsonl.reset-'))).toBe(true);
	});
});
