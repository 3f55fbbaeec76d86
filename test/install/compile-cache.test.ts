import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, statSync, truncateSync} from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import {beforeEach, describe, expect, it} from 'vitest';
import {defaultStateDir} from '../../src/store/state-dir.js';
import {cliPath, repoRoot, tempDir} from '../helpers/paths.js';
import {expectMode} from '../helpers/modes.js';
import {extractKit, kitMissing} from './kits.js';

/** The compile cache's files under `dir` (Node puts them in a folder per Node version). */
function cacheFiles(dir: string): string[] {
	return existsSync(dir) ? readdirSync(dir, {recursive: true}).map(String).filter(name => statSync(path.join(dir, name)).isFile()) : [];
}

describe('the bundle run directly (npm start, the bin entry)', () => {
	it(`writes nothing for a read-only status of the shipped runbook on this node (${process.version})`, () => {
		const stateDir = path.join(tempDir('azs-cc-'), 'state');
		const result = spawnSync(process.execPath, [cliPath, '--state-dir', stateDir, 'status'], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		expect(result.status, result.stderr).toBe(0);
		// A fresh session's status says so on stderr; nothing else may be there (no warning, no stack).
		expect(result.stderr.trim()).toMatch(/^(session "default" has not started yet .*)?$/);
		// The runbook was validated when the bundle was built; no compile cache is turned on from inside
		// (the program is one module, compiled before its first line runs: only a launcher can).
		expect(existsSync(stateDir)).toBe(false);
	});
});

const linuxMissing = kitMissing('linux-x64');
describe.skipIf(linuxMissing)(`the Linux kit's launcher and Node's compile cache${linuxMissing ? ` (skipped: ${linuxMissing})` : ''}`, () => {
	let kit: string;
	beforeEach(() => {
		kit = extractKit('linux-x64', tempDir('azs-cc-kit-'));
	});

	/** Runs the launcher with nothing on PATH (as on a machine without Node); `env` adds to HOME. */
	const launch = (args: string[], env: NodeJS.ProcessEnv = {}) => {
		const home = tempDir('azs-cc-home-');
		const result = spawnSync(path.join(kit, 'azs-runbook'), args, {cwd: tempDir('azs-cc-cwd-'), encoding: 'utf8', env: {PATH: '', HOME: home, NO_COLOR: '1', ...env}});
		expect(result.status, `${String(result.error)} ${result.stderr}`).toBe(0);
		return {home, result};
	};

	it('turns it on in the state directory\'s cache/v8, owner-only, and a second start reads it', () => {
		const stateDir = path.join(tempDir('azs-cc-state-'), 'state');
		launch(['--state-dir', stateDir, 'status']);
		const cache = path.join(stateDir, 'cache', 'v8');
		const files = cacheFiles(cache);
		expect(files.length).toBeGreaterThan(0);
		for (const dir of [stateDir, path.join(stateDir, 'cache'), cache]) {
			expectMode(dir, 0o700);
		}

		// The second start finds the program's compiled code and keeps it (Node rewrites nothing it could use).
		const sizes = files.map(file => statSync(path.join(cache, file)).size);
		launch([`--state-dir=${stateDir}`, 'status']);
		expect(cacheFiles(cache)).toEqual(files);
		expect(files.map(file => statSync(path.join(cache, file)).size)).toEqual(sizes);
	});

	it('a cache file cut short (a full disk while Node wrote it) is refused and written again, the program unharmed', () => {
		const stateDir = path.join(tempDir('azs-cc-state-'), 'state');
		launch(['--state-dir', stateDir, 'status']);
		const cache = path.join(stateDir, 'cache', 'v8');
		const [file] = cacheFiles(cache);
		const whole = statSync(path.join(cache, file!)).size;
		truncateSync(path.join(cache, file!), Math.floor(whole / 2));
		const {result} = launch(['--state-dir', stateDir, 'status']);
		expect(result.stdout).toContain('Next: Session');
		// Written again whole (its size varies by a few bytes with what V8 compiled that run).
		expect(statSync(path.join(cache, file!)).size).toBeGreaterThan(whole * 0.9);
	});

	it('uses the default state directory without --state-dir, and leaves a NODE_COMPILE_CACHE the user set alone', () => {
		const {home} = launch(['status']);
		expect(cacheFiles(path.join(home, '.config', 'azs-runbook', 'cache', 'v8')).length).toBeGreaterThan(0);
		expectMode(path.join(home, '.config', 'azs-runbook'), 0o700);

		const own = path.join(tempDir('azs-cc-own-'), 'v8');
		const stateDir = path.join(tempDir('azs-cc-state-'), 'state');
		launch(['--state-dir', stateDir, 'status'], {NODE_COMPILE_CACHE: own});
		expect(cacheFiles(own).length).toBeGreaterThan(0);
		expect(existsSync(path.join(stateDir, 'cache'))).toBe(false);
	});

	it('without HOME (and no --state-dir) turns nothing on and creates nothing where it was started', () => {
		const cwd = tempDir('azs-cc-cwd-');
		const result = spawnSync(path.join(kit, 'azs-runbook'), ['--version'], {cwd, encoding: 'utf8', env: {PATH: ''}});
		expect(result.status, result.stderr).toBe(0);
		expect(readdirSync(cwd)).toEqual([]);
	});
});

describe('the Windows launcher', () => {
	it('sets the compile cache in the default state directory unless the user set one, and keeps it local', () => {
		const launcher = readFileSync(path.join(repoRoot, 'kit', 'azs-runbook.cmd'), 'utf8');
		expect(launcher).toMatch(/^setlocal$/m);
		expect(launcher).toContain('if not defined NODE_COMPILE_CACHE if defined APPDATA set "NODE_COMPILE_CACHE=%APPDATA%\\azs-runbook\\Config\\cache\\v8"');
		expect(defaultStateDir({APPDATA: '%APPDATA%'}, 'win32')).toBe('%APPDATA%\\azs-runbook\\Config');
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
