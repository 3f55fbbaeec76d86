import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {repoRoot, tempDir} from '../helpers/paths.js';
import {TmuxTerminal} from '../ui/helpers/tmux.js';
import {checksumMismatches, extractKit, kitMissing} from './kits.js';

/*
The code cache a Linux kit ships beside its bundle (scripts/kit-code-cache.mjs): made by the kit's own
Node at build time, it serves a first start; the state directory gets a cache of its own only when
the kit's cannot be used.
*/
const linuxMissing = kitMissing('linux-x64');
describe.skipIf(linuxMissing)(`the Linux kit's code cache${linuxMissing ? ` (skipped: ${linuxMissing})` : ''}`, () => {
	const terminals: TmuxTerminal[] = [];
	afterEach(() => {
		for (const terminal of terminals.splice(0)) {
			terminal.dispose();
		}
	});

	const quote = (value: string) => `'${value.replaceAll('\'', '\'\\\'\'')}'`;
	/**
	A first start through the launcher with nothing on PATH (or the kit's node with `nodeFlags`): the
	first frame, Ctrl+C, the process gone. The kit's folder is as it was.
	*/
	async function firstStart(kit: string, nodeFlags: string[] = []): Promise<string> {
		const stateDir = path.join(tempDir('azs-kit-cache-state-'), 'state');
		const before = kitFiles(kit);
		const terminal = new TmuxTerminal();
		terminals.push(terminal);
		const program = nodeFlags.length > 0 ? [path.join(kit, 'node'), ...nodeFlags, path.join(kit, 'azs-runbook.mjs')] : [path.join(kit, 'azs-runbook')];
		terminal.start(`exec env -u CI PATH= HOME=${quote(stateDir)} ${program.map(quote).join(' ')} --state-dir ${quote(stateDir)}`);
		await terminal.waitFor('New session name', 20_000);
		await terminal.key('C-c');
		// The writer runs just after the first frame, so once the process is gone it has run or never will.
		await terminal.waitForExit(20_000);
		expect(kitFiles(kit)).toEqual(before);
		return stateDir;
	}

	/** Every file of the kit's folder with its SHA-256. */
	const kitFiles = (kit: string) => readdirSync(kit, {recursive: true}).map(String).sort().map(name => {
		const file = path.join(kit, name);
		return statSync(file).isFile() ? `${createHash('sha256').update(readFileSync(file)).digest('hex')} ${name}` : name;
	});

	const programCaches = (stateDir: string) => {
		const dir = path.join(stateDir, 'cache', 'v8');
		return existsSync(dir) ? readdirSync(dir).filter(name => name.startsWith('program-')) : [];
	};

	it('ships one for its Node, listed in SHA256SUMS; a first start uses it and writes none of its own', async () => {
		const kit = extractKit('linux-x64', tempDir('azs-kit-cache-'));
		const [name, ...more] = readdirSync(kit).filter(file => file.endsWith('.v8cache'));
		expect(more).toEqual([]);
		expect(name).toMatch(/^azs-runbook-v24\.\d+\.\d+-x64\.v8cache$/);
		expect(readFileSync(path.join(kit, 'SHA256SUMS'), 'utf8')).toContain(`  ${name}\n`);
		expect(checksumMismatches(kit)).toEqual([]);
		// Every function of the first frame, not a module's top level.
		expect(readFileSync(path.join(kit, name!)).length).toBeGreaterThan(500_000);
		// Had V8 refused it, the first frame would have written the state directory's own.
		expect(programCaches(await firstStart(kit))).toEqual([]);
	});

	it('one damaged behind its header, or made for another program, is not used: the start compiles and writes its own', async () => {
		const kit = extractKit('linux-x64', tempDir('azs-kit-cache-'));
		const [name] = readdirSync(kit).filter(file => file.endsWith('.v8cache'));
		const file = path.join(kit, name!);
		const whole = readFileSync(file);
		const header = whole.indexOf('\n') + 1;
		// V8 does not check its data (a torn cache crashed node); the header's SHA-256 of the code does.
		const garbled = Buffer.from(whole);
		garbled.fill(0x5a, header + 4096);
		writeFileSync(file, garbled);
		expect(programCaches(await firstStart(kit))).toHaveLength(1);

		// Another program's key (a kit whose bundle was replaced, not its cache).
		const [magic, , codeHash] = whole.subarray(0, header - 1).toString('latin1').split(/ (?=[0-9a-f]{64})/);
		writeFileSync(file, Buffer.concat([Buffer.from(`${magic} ${'0'.repeat(64)} ${codeHash}\n`), whole.subarray(header)]));
		expect(programCaches(await firstStart(kit))).toHaveLength(1);
	});

	it('one V8 refuses (made under other V8 flags) is not used: the start writes the state directory\'s', async () => {
		const kit = extractKit('linux-x64', tempDir('azs-kit-cache-'));
		// A flag V8 counts in a code cache's flag hash: the kit's cache was made without it.
		expect(programCaches(await firstStart(kit, ['--max-lazy']))).toHaveLength(1);
	});
});

type KitCodeCacheScript = {
	kitCodeCacheUnavailable: (platform: string) => string | undefined;
	makeKitCodeCache: (kitDir: string, scratch: string) => Promise<{name: string; data: Buffer}>;
};

describe('making a kit\'s code cache', () => {
	const kitScript = async () => await import(pathToFileURL(path.join(repoRoot, 'scripts', 'kit-code-cache.mjs')).href) as KitCodeCacheScript;

	/** A kit folder whose node is a shell script (`body` runs for the start; --version answers). */
	function fakeKit(body: string): string {
		const kit = tempDir('azs-kit-cache-fake-');
		writeFileSync(path.join(kit, 'node'), `#!/bin/sh\nif [ "$1" = --version ]; then echo v24.0.0; exit 0; fi\n${body}\n`, {mode: 0o755});
		writeFileSync(path.join(kit, 'azs-runbook.mjs'), '');
		return kit;
	}

	it('is not made for a kit this machine cannot run', async () => {
		const {kitCodeCacheUnavailable} = await kitScript();
		expect(kitCodeCacheUnavailable('win-x64')).toMatch(/cannot run the win-x64 kit's Node/);
	});

	it.skipIf(process.platform !== 'linux')('says what the terminal showed when the start ends without one, or when its node does not run', async () => {
		const {kitCodeCacheUnavailable, makeKitCodeCache} = await kitScript();
		expect(kitCodeCacheUnavailable(`${process.platform}-${process.arch}`)).toBeUndefined();
		await expect(makeKitCodeCache(fakeKit('echo "boom: cannot start"; exit 3'), tempDir('azs-kit-cache-scratch-'))).rejects.toThrow(/ended \(exit 3\) without one; its terminal showed: boom: cannot start/);
		const broken = fakeKit('exit 0');
		writeFileSync(path.join(broken, 'node'), '#!/bin/sh\necho "not this libc" >&2\nexit 127\n', {mode: 0o755});
		await expect(makeKitCodeCache(broken, tempDir('azs-kit-cache-scratch-'))).rejects.toThrow(/the kit's node does not run here \(exit 127: not this libc\)/);
	});
});
