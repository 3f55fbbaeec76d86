import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {decodeText} from '../../src/text/decode-text.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';

const answers = 'dns_forwarders: [10.0.0.53, 10.0.1.53]\nservice_port: "443"\n';
const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(answers, 'utf8')]);
// Windows PowerShell 5.1's `>` and Out-File: UTF-16 LE with a byte-order mark, CRLF line ends.
const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(answers.replaceAll('\n', '\r\n'), 'utf16le')]);
const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(answers, 'utf16le').swap16()]);

describe('answer files written on Windows', () => {
	it('decodes UTF-8 with a BOM, UTF-16 LE and BE by their BOM, and plain UTF-8', () => {
		expect(decodeText(utf8Bom)).toBe(answers);
		expect(decodeText(utf16le)).toBe(answers.replaceAll('\n', '\r\n'));
		expect(decodeText(utf16be)).toBe(answers);
		expect(decodeText(Buffer.from(answers, 'utf8'))).toBe(answers);
	});

	it.each([['UTF-8 with a BOM', utf8Bom, 'yaml'], ['UTF-16 LE (PowerShell 5.1)', utf16le, 'yaml'], ['UTF-16 LE JSON', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"dns_forwarders": ["10.0.0.53", "10.0.1.53"], "service_port": "443"}\r\n', 'utf16le')]), 'json']] as const)('inputs import reads %s', (_name, bytes, extension) => {
		const dir = tempDir();
		const file = path.join(dir, `answers.${extension}`);
		writeFileSync(file, bytes);
		const result = spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', path.join(dir, 'state'), '--new', 'inputs', 'import', file], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		expect(result.stderr).not.toMatch(/error|cannot/i);
		expect(result.stdout).toContain('took 2, unchanged 0, refused 0, still missing 0');
		expect(result.status).toBe(0);
	});
});
