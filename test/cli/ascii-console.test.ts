import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {consoleText} from '../../src/cli/console-text.js';
import {cliPath, repoRoot, tempDir} from '../helpers/paths.js';
import {TmuxTerminal} from '../ui/helpers/tmux.js';

const quote = (value: string) => `'${value.replaceAll('\'', '\'\\\'\'')}'`;
const nonAsciiLines = (text: string) => text.split('\n').filter(line => /[^\u0020-\u007E]/.test(line));

const terminals: TmuxTerminal[] = [];
afterEach(() => {
	for (const terminal of terminals.splice(0)) {
		terminal.dispose();
	}
});

describe('the plain commands on a console without the glyphs', () => {
	it('consoleText: ASCII stand-ins only for a terminal in ASCII mode; controls escaped always', () => {
		const text = 'Next: Session › Before you start — 2 of 3 ✔\u001B[2J';
		expect(consoleText(text, {isTTY: true}, true)).toBe('Next: Session > Before you start - 2 of 3 +\\u001b[2J');
		expect(consoleText(text, {isTTY: false}, true)).toBe('Next: Session › Before you start — 2 of 3 ✔\\u001b[2J');
		expect(consoleText(text, {isTTY: true}, false)).toBe('Next: Session › Before you start — 2 of 3 ✔\\u001b[2J');
	});

	it('status and --help on the terminal are ASCII only (AZS_ASCII=1); piped, the text keeps its characters', async () => {
		const stateDir = path.join(tempDir('azs-ascii-'), 'state');
		const run = (args: string) => `cd ${quote(repoRoot)} && exec env AZS_ASCII=1 NO_COLOR=1 ${quote(process.execPath)} ${quote(cliPath)} --state-dir ${quote(stateDir)} ${args}`;
		const terminal = new TmuxTerminal();
		terminals.push(terminal);
		// Wide enough that no line wraps; the whole status fits.
		terminal.start(run('status'), {columns: 250, rows: 60});
		const status = await terminal.waitFor('Recurring:');
		expect(status).toContain('Next: Session > Before you start (session-start)');
		expect(nonAsciiLines(status)).toEqual([]);

		terminal.respawn(run('--help'));
		const help = await terminal.waitFor('train verify [SCENARIO...]');
		expect(nonAsciiLines(help)).toEqual([]);

		const piped = spawnSync(process.execPath, [cliPath, '--state-dir', stateDir, 'status'], {encoding: 'utf8', env: {...process.env, AZS_ASCII: '1', NO_COLOR: '1'}});
		expect(piped.status).toBe(0);
		expect(piped.stdout).toContain('Next: Session › Before you start (session-start)');
	});
});
