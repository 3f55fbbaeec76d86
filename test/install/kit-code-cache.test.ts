import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/paths.js';
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
	/** A first start through the launcher with nothing on PATH: the first frame, Ctrl+C, the process gone. */
	async function firstStart(kit: string): Promise<string> {
		const stateDir = path.join(tempDir('azs-kit-cache-state-'), 'state');
		const terminal = new TmuxTerminal();
		terminals.push(terminal);
		terminal.start(`exec env -u CI PATH= HOME=${quote(stateDir)} ${quote(path.join(kit, 'azs-runbook'))} --state-dir ${quote(stateDir)}`);
		await terminal.waitFor('New session name', 20_000);
		await terminal.key('C-c');
		// The writer runs just after the first frame, so once the process is gone it has run or never will.
		await terminal.waitForExit(20_000);
		return stateDir;
	}

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
});
