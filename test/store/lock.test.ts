import {spawn, spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import os from 'node:os';
import {describe, expect, it} from 'vitest';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {SessionLockedError} from '../../src/store/errors.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

const loaded = loadRunbook(miniRunbook);

/** Waits (bounded) until `condition` holds. */
async function until(condition: () => boolean, what: string, attempts = 200): Promise<void> {
	for (let attempt = 0; attempt < attempts; attempt++) {
		if (condition()) {
			return;
		}

		await new Promise(resolve => setTimeout(resolve, 25));
	}

	throw new Error(`timed out waiting for ${what}`);
}

describe('session lock', () => {
	it('refuses a second process, naming the holder PID', async () => {
		const stateDir = tempDir();
		// A real CLI process holds the session while its command step sleeps.
		const runbook = `${tempDir()}/hold.yaml`;
		writeFileSync(runbook, [
			'id: hold', 'title: Hold', 'version: "1"', 'description: holds the lock', 'phases:',
			'  - id: p', '    title: P', '    body: b', '    steps:',
			'      - {kind: command, id: wait, title: Wait, body: b, argv: [node, -e, "setTimeout(() => {}, 20000)"]}',
		].join('\n'));
		const holder = spawn(process.execPath, [cliPath, 'run', '--runbook', runbook, '--state-dir', stateDir, '--session', 'site', '--new'], {stdio: 'ignore'});
		try {
			const paths = sessionPaths(stateDir, 'site');
			await until(() => {
				try {
					return JSON.parse(String(spawnSync('cat', [paths.lock]).stdout)).pid === holder.pid;
				} catch {
					return false;
				}
			}, 'the holder to take the lock');
			const second = spawnSync(process.execPath, [cliPath, 'status', '--json', '--runbook', runbook, '--state-dir', stateDir, '--session', 'site']);
			expect(second.status).toBe(0); // status only reads, it never needs the lock
			const blocked = spawnSync(process.execPath, [cliPath, 'run', '--runbook', runbook, '--state-dir', stateDir, '--session', 'site']);
			expect(blocked.status).toBe(3);
			expect(String(blocked.stderr)).toContain(`session "site" is in use by process ${holder.pid} on ${os.hostname()}`);
		} finally {
			holder.kill('SIGKILL');
		}
	});

	it('recovers a lock left by a dead process', () => {
		const stateDir = tempDir();
		const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']);
		const deadPid = Number(String(dead.stdout).trim());
		writeFileSync(sessionPaths(stateDir, 'site').lock, JSON.stringify({pid: deadPid, host: os.hostname(), since: '2026-01-01T00:00:00Z'}));
		const opened = openSession({loaded, stateDir, name: 'site', operator: 'dave'})!;
		expect(opened.findings.resumed).toBe(false);
		opened.store.close();
	});

	it('refuses a second open of the same session within one process, but not of another session', () => {
		const stateDir = tempDir();
		const first = openSession({loaded, stateDir, name: 'site', operator: 'dave'})!;
		try {
			expect(() => openSession({loaded, stateDir, name: 'site', operator: 'dave'})).toThrow(SessionLockedError);
			const other = openSession({loaded, stateDir, name: 'other', operator: 'dave'})!;
			other.store.close();
		} finally {
			first.store.close();
		}

		// Released on close: it opens again.
		openSession({loaded, stateDir, name: 'site', operator: 'dave'})!.store.close();
	});
});

describe('a lock from before the last boot', () => {
	it('is recovered even when its PID is alive now (the PID was reused): the boot id differs', () => {
		const stateDir = tempDir();
		// The parent process is certainly alive: only the boot says the lock is stale.
		writeFileSync(sessionPaths(stateDir, 'site').lock, JSON.stringify({pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00Z', nonce: 'n', bootId: 'another-boot', uptime: 1}));
		const opened = openSession({loaded, stateDir, name: 'site', operator: 'erin'})!;
		opened.store.close();
	});
});
