import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, statSync} from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import Conf from 'conf';
import {describe, expect, it} from 'vitest';
import {defaultStateDir} from '../../src/store/state-dir.js';
import {cliPath, tempDir} from '../helpers/paths.js';
import {kitLinuxNode, kitMissing} from './kits.js';
import {expectMode} from '../helpers/modes.js';

/** Runs the bundle's `status` with `node`; returns the state directory's compile cache files. */
function cacheFilesAfterStatus(node: string): {stateDir: string; files: string[]} {
	const stateDir = path.join(tempDir('azs-cc-'), 'state');
	const result = spawnSync(node, [cliPath, '--state-dir', stateDir, 'status'], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	expect(result.status, result.stderr).toBe(0);
	// A fresh session's status says so on stderr; nothing else may be there (no warning, no stack).
	expect(result.stderr.trim()).toMatch(/^(session "default" has not started yet .*)?$/);
	const dir = path.join(stateDir, 'cache', 'v8');
	const files = existsSync(dir) ? readdirSync(dir, {recursive: true}).map(String).filter(name => statSync(path.join(dir, name)).isFile()) : [];
	return {stateDir, files};
}

describe('the compile cache', () => {
	const nodeHasIt = typeof (module as unknown as {enableCompileCache?: unknown}).enableCompileCache === 'function';

	it(`is ${nodeHasIt ? 'written to' : 'absent from'} the state directory's cache folder on this node (${process.version})`, () => {
		const {stateDir, files} = cacheFilesAfterStatus(process.execPath);
		expect(files.length > 0).toBe(nodeHasIt);
		// Without a compile cache a read-only status of the shipped runbook (validated when the bundle
		// was built) writes nothing at all; whatever is created is owner-only.
		if (nodeHasIt || existsSync(stateDir)) {
			expectMode(stateDir, 0o700);
		}
	});

	const missing = kitMissing('linux-x64');
	it.skipIf(missing)(`is written on the kits' Node 24, and the state directory stays owner-only${missing ? ` (skipped: ${missing})` : ''}`, () => {
		const node = kitLinuxNode(tempDir('azs-cc-node-'))!;
		const {stateDir, files} = cacheFilesAfterStatus(node);
		expect(files.length).toBeGreaterThan(0);
		expectMode(stateDir, 0o700);
	});
});

describe('defaultStateDir', () => {
	it('is where conf keeps its files on this platform, without loading conf', () => {
		const conf = new Conf({projectName: 'azs-runbook', projectSuffix: '', configName: 'sessions'});
		expect(defaultStateDir()).toBe(path.dirname(conf.path));
	});

	it('follows %APPDATA% on Windows and XDG_CONFIG_HOME on Linux', () => {
		expect(defaultStateDir({APPDATA: 'C:\\Users\\eng\\AppData\\Roaming'}, 'win32', 'C:\\Users\\eng')).toBe('C:\\Users\\eng\\AppData\\Roaming\\azs-runbook\\Config');
		expect(defaultStateDir({}, 'win32', 'C:\\Users\\eng')).toBe('C:\\Users\\eng\\AppData\\Roaming\\azs-runbook\\Config');
		expect(defaultStateDir({XDG_CONFIG_HOME: '/x'}, 'linux', '/home/eng')).toBe('/x/azs-runbook');
		expect(defaultStateDir({}, 'linux', '/home/eng')).toBe('/home/eng/.config/azs-runbook');
	});
});
