import type * as NodeFs from 'node:fs';
import {readFileSync} from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {StateError} from '../../src/store/errors.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {miniRunbook, tempDir} from '../helpers/paths.js';

/*
Windows cannot truncate through a handle opened for appending (FILE_APPEND_DATA without
FILE_WRITE_DATA): ftruncate on it fails. Linux can, so node:fs is stubbed to behave like Windows:
ftruncate on an append handle throws EPERM. And a state save that fails at its rename (a full disk)
must still take the journal entry back.
*/
const windows = vi.hoisted(() => ({appendFds: new Set<number>(), failRename: false, truncateRefused: 0}));

vi.mock('node:fs', async importOriginal => {
	const fs = await importOriginal<typeof NodeFs>();
	const isAppend = (flags: unknown) => (typeof flags === 'string' ? flags.includes('a') : typeof flags === 'number' && (flags & fs.constants.O_APPEND) !== 0);
	const openSync = (...args: Parameters<typeof fs.openSync>) => {
		const fd = fs.openSync(...args);
		if (isAppend(args[1])) {
			windows.appendFds.add(fd);
		} else {
			windows.appendFds.delete(fd);
		}

		return fd;
	};

	const ftruncateSync = (fd: number, length?: number) => {
		if (windows.appendFds.has(fd)) {
			windows.truncateRefused++;
			throw Object.assign(new Error('EPERM: operation not permitted, ftruncate'), {code: 'EPERM'});
		}

		fs.ftruncateSync(fd, length);
	};

	const renameSync = (from: Parameters<typeof fs.renameSync>[0], to: Parameters<typeof fs.renameSync>[1]) => {
		if (windows.failRename) {
			throw Object.assign(new Error('ENOSPC: no space left on device, rename'), {code: 'ENOSPC'});
		}

		fs.renameSync(from, to);
	};

	const patched = {...fs, openSync, ftruncateSync, renameSync};
	return {...patched, default: patched};
});

describe('the journal rollback where an append handle cannot be truncated (Windows)', () => {
	it('takes the entry back when the state save fails: the journal is byte for byte what it was', () => {
		const stateDir = tempDir();
		const loaded = loadRunbook(miniRunbook);
		const opened = openSession({loaded, stateDir, name: 'site', operator: 'win'})!;
		try {
			opened.controller.dispatch({type: 'input.set', name: 'service_port', value: '22'});
			const journal = sessionPaths(stateDir, 'site').journal;
			const before = readFileSync(journal);
			windows.failRename = true;
			expect(() => opened.controller.dispatch({type: 'input.set', name: 'service_port', value: '23'})).toThrow(StateError);
			windows.failRename = false;
			expect(readFileSync(journal).equals(before)).toBe(true);
			expect(windows.truncateRefused).toBe(0);
			// The chain continues from the entry before, with no gap or duplicate sequence.
			const next = opened.controller.dispatch({type: 'input.set', name: 'service_port', value: '24'});
			expect(next.journalSeq).toBe(opened.store.journalSeq);
		} finally {
			windows.failRename = false;
			opened.store.close();
		}

		const reopened = openSession({loaded, stateDir, name: 'site', operator: 'win'})!;
		reopened.store.close();
		expect(reopened.controller.session.inputs.service_port?.value).toBe('24');
		expect(reopened.findings.replayed).toBe(0);
	});
});
