import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {plainGlyphs} from '../../src/ui/glyphs.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

describe('plain ASCII marks for consoles without the glyphs', () => {
	it('are chosen for the legacy Windows console, and on request', () => {
		expect(plainGlyphs({}, 'win32')).toBe(true);
		expect(plainGlyphs({WT_SESSION: 'x'}, 'win32')).toBe(false);
		expect(plainGlyphs({TERM_PROGRAM: 'vscode'}, 'win32')).toBe(false);
		expect(plainGlyphs({AZS_ASCII: '0'}, 'win32')).toBe(false);
		expect(plainGlyphs({}, 'linux')).toBe(false);
		expect(plainGlyphs({AZS_ASCII: '1'}, 'linux')).toBe(true);
	});

	it('replace every mark in the plain status with AZS_ASCII=1', () => {
		const stateDir = path.join(tempDir(), 'state');
		const status = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', stateDir, 'status'], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1', ...env}});
		expect(status({AZS_ASCII: '0'}).stdout).toMatch(/[○■]/u);
		const plain = status({AZS_ASCII: '1'}).stdout;
		expect(plain).not.toMatch(/[✔✖■○▸⚑⊘⠋-⠏]/u);
		expect(plain).toMatch(/^\S* ?o {1,2}1\. Setup/m);
	});
});
