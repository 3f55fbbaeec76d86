import {spawnSync} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readJournal} from '../../src/store/journal.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

const isRoot = process.getuid?.() === 0;
const hasUnshare = spawnSync('unshare', ['--version']).status === 0;

/*
Each case runs in a private mount namespace (as root): a tiny tmpfs is the state directory, then it
is made read-only or filled up, and the real CLI tries to record one more transition.
*/
const script = String.raw`
set -u
mount -t tmpfs -o size=256k,mode=0700 tmpfs "$MNT" || exit 91
node "$CLI" --runbook "$RB" --state-dir "$MNT/state" set service_port=22 >/dev/null 2>&1 || exit 92
cp "$MNT/state/session-default.json" "$OUT/before.json"
cp "$MNT/state/session-default.journal.jsonl" "$OUT/before.journal"
case "$FAULT" in
	read-only) mount -o remount,ro "$MNT" || exit 93 ;;
	full) head -c 4M /dev/zero > "$MNT/filler" 2>/dev/null || true ;;
	# One page left: the lock file takes it, the journal line fits in its file's last page, the
	# state's temporary file finds no room. This reaches the journal rollback.
	nearly-full) head -c 4M /dev/zero > "$MNT/filler" 2>/dev/null; truncate -s -4096 "$MNT/filler" ;;
esac
node "$CLI" --runbook "$RB" --state-dir "$MNT/state" set service_port=23 >"$OUT/stdout" 2>"$OUT/stderr"
echo $? > "$OUT/rc"
cp "$MNT/state/session-default.json" "$OUT/after.json"
cp "$MNT/state/session-default.journal.jsonl" "$OUT/after.journal"
ls -A "$MNT/state" > "$OUT/files"
ls -A "$MNT/state/cache" > "$OUT/cache-files" 2>/dev/null || true
umount "$MNT"
`;

function runFault(fault: 'read-only' | 'full' | 'nearly-full') {
	const dir = tempDir();
	const mnt = path.join(dir, 'mnt');
	const out = path.join(dir, 'out');
	mkdirSync(mnt);
	mkdirSync(out);
	const result = spawnSync('unshare', ['--mount', '--propagation', 'private', 'bash', '-c', script], {
		env: {...process.env, MNT: mnt, OUT: out, CLI: cliPath, RB: miniRunbook, FAULT: fault, PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`},
		encoding: 'utf8',
		timeout: 30_000,
	});
	expect(result.status, `setup failed: ${result.stderr}`).toBe(0);
	const read = (name: string) => readFileSync(path.join(out, name), 'utf8');
	return {
		rc: Number(read('rc').trim()),
		stderr: read('stderr'),
		before: {state: read('before.json'), journal: read('before.journal')},
		after: {state: read('after.json'), journal: read('after.journal'), journalFile: path.join(out, 'after.journal')},
		files: read('files').trim().split('\n'),
		cacheFiles: read('cache-files').trim().split('\n').filter(Boolean),
	};
}

describe('storage faults', () => {
	it.skipIf(!isRoot || !hasUnshare)('a read-only state directory: clear error, exit 3, previous state intact (needs root for a mount namespace)', () => {
		const outcome = runFault('read-only');
		expect(outcome.rc).toBe(3);
		expect(outcome.stderr).toMatch(/azs-runbook: cannot create the lock file .*session-default\.lock \(EROFS\)/);
		expect(outcome.after.state).toBe(outcome.before.state);
		expect(outcome.after.journal).toBe(outcome.before.journal);
	});

	it.skipIf(!isRoot || !hasUnshare)('a full disk: clear error, exit 3, previous state and journal intact (needs root)', () => {
		const outcome = runFault('full');
		expect(outcome.rc).toBe(3);
		expect(outcome.stderr).toMatch(/azs-runbook: (cannot create the lock file|could not append to the journal|could not save the session to) .* \(ENOSPC\)/);
		expect(outcome.after.state).toBe(outcome.before.state);
		expect(outcome.after.journal).toBe(outcome.before.journal);
	});

	it.skipIf(!isRoot || !hasUnshare)('a disk that fills during the state write: the journal entry is taken back, nothing half-written (needs root)', () => {
		const outcome = runFault('nearly-full');
		expect(outcome.rc).toBe(3);
		expect(outcome.stderr).toMatch(/azs-runbook: could not save the session to .*session-default\.json \(ENOSPC\); the previous state is intact/);
		expect(outcome.after.state).toBe(outcome.before.state);
		expect(JSON.parse(outcome.after.state).inputs.service_port.value).toBe('22');
		expect(outcome.after.journal).toBe(outcome.before.journal);
		expect(readJournal(outcome.after.journalFile).problem).toBeUndefined();
		// The runbook cache beside the sessions is best effort: a write that found no room left nothing behind.
		expect(outcome.files.sort()).toEqual(['cache', 'session-default.journal.jsonl', 'session-default.json']);
		expect(outcome.cacheFiles.filter(file => !/^runbook-[0-9a-f]{16}\.json$/.test(file))).toEqual([]);
	});
});

describe('storage faults without root', () => {
	it('reports an unwritable state directory path as a state problem (exit 3)', () => {
		const file = path.join(tempDir(), 'not-a-dir');
		spawnSync('touch', [file]);
		const result = spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', path.join(file, 'state'), 'set', 'service_port=22'], {encoding: 'utf8'});
		expect(result.status).toBe(3);
		expect(result.stderr).toMatch(/cannot create the state directory .*not-a-dir\/state \((ENOTDIR|EEXIST)\)/);
		expect(readdirSync(path.dirname(file))).toEqual(['not-a-dir']);
	});
});
