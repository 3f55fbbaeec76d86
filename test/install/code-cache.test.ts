import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import type {Stats} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {codeCacheFile, codeCacheKey, findCodeCache, kitCodeCacheFile, kitCodeCacheKey, programDigest, readCodeCache, writeCodeCache} from '../../src/install/code-cache.js';
import {programMarker, programText, stateDirFromArgv} from '../../src/install/program-text.js';
import {defaultStateDir} from '../../src/store/state-dir.js';
import {cliPath, tempDir} from '../helpers/paths.js';
import {expectMode} from '../helpers/modes.js';
import {TmuxTerminal} from '../ui/helpers/tmux.js';
import {loadBundleScript} from './bundle-plugins.js';

describe('the code cache file', () => {
	it('gives back what was written for the same key, nothing for another key or a cut header', () => {
		const file = codeCacheFile(path.join(tempDir('azs-code-cache-'), 'state'));
		const key = codeCacheKey(programDigest(Buffer.from('program one')));
		expect(readCodeCache(file, key)).toBeUndefined();
		expect(writeCodeCache(file, key, Buffer.from('compiled'))).toBe(true);
		expect(readCodeCache(file, key)?.toString()).toBe('compiled');
		expect(readCodeCache(file, codeCacheKey(programDigest(Buffer.from('program two'))))).toBeUndefined();
		expectMode(file, 0o600);
		expectMode(path.dirname(file), 0o700);
		writeFileSync(file, readFileSync(file).subarray(0, 20));
		expect(readCodeCache(file, key)).toBeUndefined();
	});

	it('refuses code that is not what was written behind its header (V8 would run it, or crash on it)', () => {
		const file = codeCacheFile(path.join(tempDir('azs-code-cache-'), 'state'));
		const key = codeCacheKey(programDigest(Buffer.from('program')));
		writeCodeCache(file, key, Buffer.from('compiled code'));
		const whole = readFileSync(file);
		writeFileSync(file, Buffer.concat([whole.subarray(0, whole.length - 4), Buffer.from('CODE')]));
		expect(readCodeCache(file, key)).toBeUndefined();
		writeFileSync(file, whole.subarray(0, whole.length - 1));
		expect(readCodeCache(file, key)).toBeUndefined();
	});

	it('is one file per Node version and architecture, in the state directory\'s cache/v8', () => {
		expect(codeCacheFile('/state')).toBe(path.join('/state', 'cache', 'v8', `program-${process.version}-${process.arch}.bin`));
	});

	it.skipIf(process.platform === 'win32' || process.getuid?.() !== 0)('is never read when another user owns it (needs root to give it away)', () => {
		const file = codeCacheFile(path.join(tempDir('azs-code-cache-'), 'state'));
		const key = codeCacheKey(programDigest(Buffer.from('program')));
		writeCodeCache(file, key, Buffer.from('compiled'));
		chownSync(file, 12_345, 12_345);
		expect(readCodeCache(file, key)).toBeUndefined();
	});

	/** A bundle file in a folder of its own, with a kit's cache beside it made for it. */
	function kitWithCache(): {bundle: {file: string; stored: Buffer; stats: Stats}; cache: string} {
		const file = path.join(tempDir('azs-kit-cache-'), 'azs-runbook.mjs');
		const stored = Buffer.from('the program');
		writeFileSync(file, stored, {mode: 0o644});
		const cache = kitCodeCacheFile(file);
		expect(writeCodeCache(cache, kitCodeCacheKey(programDigest(stored)), Buffer.from('kit code'))).toBe(true);
		return {bundle: {file, stored, stats: statSync(file)}, cache};
	}

	it('a start takes the state directory\'s cache, else the kit\'s; with neither it writes the state directory\'s', () => {
		const {bundle} = kitWithCache();
		const stateDir = path.join(tempDir('azs-code-cache-'), 'state');
		const own = {file: codeCacheFile(stateDir), key: codeCacheKey(programDigest(bundle.stored))};
		expect(findCodeCache(bundle, stateDir)).toEqual({data: Buffer.from('kit code'), from: 'kit', target: own});
		writeCodeCache(own.file, own.key, Buffer.from('own code'));
		expect(findCodeCache(bundle, stateDir)).toEqual({data: Buffer.from('own code'), from: 'state directory', target: own});
		// No state directory (no home): the kit's, and nothing written anywhere.
		expect(findCodeCache(bundle, undefined)).toEqual({data: Buffer.from('kit code'), from: 'kit'});
		// Building a kit: compiled afresh, written beside the bundle.
		expect(findCodeCache(bundle, stateDir, true)).toEqual({target: {file: kitCodeCacheFile(bundle.file), key: kitCodeCacheKey(programDigest(bundle.stored))}});
		// Another program beside the same cache file: neither is its.
		expect(findCodeCache({...bundle, stored: Buffer.from('another program')}, path.join(tempDir('azs-code-cache-'), 'state')).data).toBeUndefined();
	});

	it.skipIf(process.platform === 'win32')('a kit\'s cache easier to write than the bundle beside it is never run (a shared folder)', () => {
		const {bundle, cache} = kitWithCache();
		chmodSync(cache, 0o666);
		expect(findCodeCache(bundle, undefined).data).toBeUndefined();
		chmodSync(cache, 0o644);
		expect(findCodeCache(bundle, undefined).from).toBe('kit');
		// As writable as the bundle is: whoever could write it could replace the bundle.
		chmodSync(bundle.file, 0o666);
		chmodSync(cache, 0o666);
		expect(findCodeCache({...bundle, stats: statSync(bundle.file)}, undefined).from).toBe('kit');
	});

	it.skipIf(process.platform === 'win32' || process.getuid?.() !== 0)('a kit\'s cache owned by another user than the bundle is never run (needs root to give it away)', () => {
		const {bundle, cache} = kitWithCache();
		chownSync(cache, 12_345, 12_345);
		expect(findCodeCache(bundle, undefined).data).toBeUndefined();
	});

	it('a kit\'s cache lies beside the bundle, one per Node version and architecture, under a key of its own', () => {
		expect(kitCodeCacheFile(path.join('/kit', 'azs-runbook.mjs'), {version: 'v24.1.0', arch: 'x64'})).toBe(path.join('/kit', 'azs-runbook-v24.1.0-x64.v8cache'));
		const digest = programDigest(Buffer.from('program'));
		// Made on the build machine for every host: it names no host or user, so neither cache is the other's.
		expect(kitCodeCacheKey(digest)).not.toBe(codeCacheKey(digest));
		expect(kitCodeCacheKey(digest)).not.toBe(kitCodeCacheKey(programDigest(Buffer.from('another program'))));
	});

	it.skipIf(process.platform === 'win32')('a FIFO or a directory in its place is not read, and nothing waits for a writer', () => {
		const file = codeCacheFile(path.join(tempDir('azs-code-cache-'), 'state'));
		mkdirSync(path.dirname(file), {recursive: true});
		execFileSync('mkfifo', [file]);
		expect(readCodeCache(file, 'key')).toBeUndefined();
		rmSync(file);
		mkdirSync(file);
		expect(readCodeCache(file, 'key')).toBeUndefined();
	});

	it('cannot be written where the state directory cannot be: false, nothing thrown', () => {
		const blocker = path.join(tempDir('azs-code-cache-'), 'a-file');
		writeFileSync(blocker, '');
		expect(writeCodeCache(codeCacheFile(blocker), 'key', Buffer.from('compiled'))).toBe(false);
	});
});

describe('the bundle\'s layout', () => {
	it('the entry finds the state directory as the parser does: the last --state-dir, none after --', () => {
		expect(stateDirFromArgv(['--state-dir', 'a', 'status'])).toBe(path.resolve('a'));
		expect(stateDirFromArgv(['--state-dir=a', '--state-dir', 'b'])).toBe(path.resolve('b'));
		expect(stateDirFromArgv(['status', '--', '--state-dir', 'c'])).toBe(defaultStateDir());
		expect(stateDirFromArgv([])).toBe(defaultStateDir());
	});

	it('is the entry, the marker, then the program behind // on each line; the program is what the bundler made', async () => {
		const {programMarker: bundlerMarker} = await loadBundleScript<{programMarker: string}>();
		expect(bundlerMarker).toBe(programMarker);
		const text = readFileSync(cliPath, 'latin1');
		const at = text.lastIndexOf(programMarker);
		expect(at).toBeGreaterThan(0);
		const {source, lineOffset} = programText(cliPath);
		expect(source.startsWith('(async function (require, __azsProgramUrl) {\n')).toBe(true);
		expect(source.trimEnd().endsWith('})')).toBe(true);
		// The program's first line is the file's line lineOffset + 1 (stack traces point into the file).
		expect(text.split('\n')[lineOffset]).toBe(`//${source.split('\n')[0]}`);
		expect(text.slice(at + programMarker.length).split('\n').slice(0, -1).every(line => line.startsWith('//'))).toBe(true);
	});

	it('the bundler refuses a program it cannot carry: an import it did not convert, a carriage return, a control character outside a string', async () => {
		const {programScript} = await loadBundleScript<{programScript: (moduleText: string, importStatements: number, esbuild: unknown) => string}>();
		const esbuild = await import('esbuild');
		expect(programScript('import{readFileSync as r}from"node:fs";import p,{sep}from"node:path";r(p.join("a",sep));', 2, esbuild)).toContain('var {readFileSync: r} = require("node:fs");\nvar p = require("node:path");\nvar {sep} = require("node:path");');
		expect(() => programScript('import{a}from"node:fs";', 2, esbuild)).toThrow(/the program has 2 import statements of Node modules, 1 were converted/);
		expect(() => programScript('let a="\r";', 0, esbuild)).toThrow(/other than printable ASCII/);
		expect(programScript('let a="\u0002";', 0, esbuild)).toContain('let a="\\x02";');
		// In a template's raw text the escape would change String.raw's result.
		expect(() => programScript('let a=String.raw`\u0002`;', 0, esbuild)).toThrow(/outside a string literal/);
	});

	it('the entry reads Node\'s modules with process.getBuiltinModule, its shebang first; an import left over fails the build', async () => {
		const {entryModule} = await loadBundleScript<{entryModule: (moduleText: string, importStatements: number) => string}>();
		const entry = entryModule('#!/usr/bin/env node\nimport vm from"node:vm";import{createHash as h}from"node:crypto";import os,{EOL}from"node:os";h(vm,os,EOL);', 3);
		expect(entry.split('\n')).toEqual(['#!/usr/bin/env node', 'var vm = process.getBuiltinModule("node:vm");', 'var {createHash: h} = process.getBuiltinModule("node:crypto");', 'var os = process.getBuiltinModule("node:os");', 'var {EOL} = process.getBuiltinModule("node:os");', 'h(vm,os,EOL);']);
		expect(() => entryModule('import"node:fs";import{a}from"node:fs";', 2)).toThrow(/the entry has 2 import statements of Node modules, 1 were converted/);
		// The built entry holds no import of a Node module.
		const text = readFileSync(cliPath, 'latin1');
		expect(text.slice(0, text.lastIndexOf(programMarker))).not.toMatch(/\b(?:from|import)\s*["']node:/);
	});

	it('the program is strict, as the ES module it was built as', () => {
		expect(programText(cliPath).source.split('\n')[1]).toBe('"use strict";');
	});
});

describe('the shipped program in a terminal', () => {
	const terminals: TmuxTerminal[] = [];
	afterEach(() => {
		for (const terminal of terminals.splice(0)) {
			terminal.dispose();
		}
	});

	const quote = (value: string) => `'${value.replaceAll('\'', '\'\\\'\'')}'`;
	/** Starts the TUI, waits for its first frame, quits, and waits for the process to end. */
	async function firstFrame(stateDir: string): Promise<void> {
		const terminal = new TmuxTerminal();
		terminals.push(terminal);
		terminal.start(`exec env -u CI ${quote(process.execPath)} ${quote(cliPath)} --state-dir ${quote(stateDir)}`);
		await terminal.waitFor('New session name', 20_000);
		await terminal.key('C-c');
		await terminal.waitForExit(20_000);
	}

	/** Polls (bounded) until the cache file exists: it is written just after the first frame. */
	async function cacheWritten(file: string): Promise<void> {
		for (let look = 0; look < 400 && !existsSync(file); look++) {
			await new Promise(resolve => setTimeout(resolve, 25));
		}

		expect(existsSync(file)).toBe(true);
	}

	it('writes the cache after the first frame, owner-only; the next start uses it and rewrites nothing', async () => {
		const stateDir = path.join(tempDir('azs-code-cache-tui-'), 'state');
		const file = codeCacheFile(stateDir);
		await firstFrame(stateDir);
		await cacheWritten(file);
		expectMode(path.join(stateDir, 'cache', 'v8'), 0o700);
		expectMode(file, 0o600);
		const written = readFileSync(file);
		// Holds far more than the top level a module's cache would: every function of the first frame.
		expect(written.length).toBeGreaterThan(500_000);
		const before = statSync(file).mtimeMs;
		await firstFrame(stateDir);
		expect(statSync(file).mtimeMs).toBe(before);
		expect(readFileSync(file).equals(written)).toBe(true);
	});

	it('a damaged cache (its code torn behind an intact V8 header) or one made for another program is replaced, the screen the same', async () => {
		const stateDir = path.join(tempDir('azs-code-cache-tui-'), 'state');
		const file = codeCacheFile(stateDir);
		await firstFrame(stateDir);
		await cacheWritten(file);
		const whole = readFileSync(file);
		const header = whole.indexOf('\n') + 1;
		// Same header, V8's own header intact, the code behind it garbled (a torn write): V8 does not
		// check that (node crashed on it); the cache's own SHA-256 does, and the program compiles from source.
		const garbled = Buffer.from(whole);
		garbled.fill(0x5a, header + 4096);
		writeFileSync(file, garbled, {mode: 0o600});
		await firstFrame(stateDir);
		expect(readFileSync(file).equals(garbled)).toBe(false);
		expect(readFileSync(file).subarray(header + 4096, header + 4160).equals(Buffer.alloc(64, 0x5a))).toBe(false);

		// Another program's key (a state directory from another machine or build): ignored and replaced.
		const [magic, , codeHash] = whole.subarray(0, header - 1).toString('latin1').split(/ (?=[0-9a-f]{64})/);
		writeFileSync(file, Buffer.concat([Buffer.from(`${magic} ${'0'.repeat(64)} ${codeHash}\n`), whole.subarray(header)]), {mode: 0o600});
		await firstFrame(stateDir);
		expect(readFileSync(file).subarray(0, header - 65).toString('latin1')).toBe(whole.subarray(0, header - 65).toString('latin1'));
	});

	it.skipIf(process.platform === 'win32' || process.getuid?.() !== 0)('starts without a cache where there is no home directory (a user without a profile; needs root)', async () => {
		const {spawnSync} = await import('node:child_process');
		const run = spawnSync(process.execPath, [cliPath, '--version'], {encoding: 'utf8', uid: 54_321, gid: 54_321, env: {PATH: process.env.PATH}});
		expect(run.stderr).toBe('');
		expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
	});

	it('a plain command reads it but never creates the state directory for it', async () => {
		const stateDir = path.join(tempDir('azs-code-cache-cli-'), 'state');
		const {spawnSync} = await import('node:child_process');
		const status = spawnSync(process.execPath, [cliPath, '--state-dir', stateDir, 'status'], {encoding: 'utf8'});
		expect(status.status, status.stderr).toBe(0);
		expect(existsSync(stateDir)).toBe(false);
	});
});
