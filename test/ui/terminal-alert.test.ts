import {describe, expect, it} from 'vitest';
import {alertBytes, createAlert, notificationKind} from '../../src/ui/terminal-alert.js';

const bell = '\u0007';

describe('the alert when a watched check passes: a bell, and a notification only where the terminal is known to show one', () => {
	it.each([
		[{TERM_PROGRAM: 'iTerm.app'}, 'osc9'],
		[{TERM: 'xterm-kitty', KITTY_WINDOW_ID: '1'}, 'osc9'],
		[{TERM_PROGRAM: 'WezTerm'}, 'osc777'],
		[{TERM_PROGRAM: 'ghostty'}, 'osc777'],
		[{TERM: 'foot'}, 'osc777'],
		[{WT_SESSION: 'a-guid'}, undefined],
		[{ConEmuANSI: 'ON', ConEmuPID: '42'}, undefined],
		[{TERM_PROGRAM: 'vscode'}, undefined],
		[{TERM: 'xterm-256color'}, undefined],
		[{TERM_PROGRAM: 'WezTerm', TMUX: '/tmp/tmux-0/default,1,0'}, undefined],
		[{TERM: 'screen-256color', STY: '1.pts'}, undefined],
		[{}, undefined],
	])('%j → %s', (env, kind) => {
		expect(notificationKind(env)).toBe(kind);
	});

	it('writes the bell and the escape the terminal knows', () => {
		expect(alertBytes('svc passed', {env: {TERM_PROGRAM: 'iTerm.app'}, isTTY: true})).toBe(`${bell}\u001B]9;azs-runbook: svc passed${bell}`);
		expect(alertBytes('svc passed', {env: {TERM: 'foot'}, isTTY: true})).toBe(`${bell}\u001B]777;notify;azs-runbook;azs-runbook: svc passed${bell}`);
		expect(alertBytes('svc passed', {env: {WT_SESSION: 'x'}, isTTY: true})).toBe(bell);
	});

	it('writes nothing when the output is not a terminal, or with AZS_BELL=0', () => {
		expect(alertBytes('svc passed', {env: {TERM_PROGRAM: 'iTerm.app'}, isTTY: false})).toBe('');
		expect(alertBytes('svc passed', {env: {TERM_PROGRAM: 'iTerm.app', AZS_BELL: '0'}, isTTY: true})).toBe('');
		const written: string[] = [];
		createAlert({write: bytes => written.push(bytes)}, {TERM_PROGRAM: 'WezTerm'})('svc passed');
		expect(written).toEqual([]);
	});

	it('never lets the text end the escape early or carry its own', () => {
		const bytes = alertBytes('evil\u0007\u001B]0;title\u0007; rm', {env: {TERM: 'foot'}, isTTY: true});
		expect(bytes).toBe(`${bell}\u001B]777;notify;azs-runbook;azs-runbook: evil\\u0007\\u001b]0,title\\u0007, rm${bell}`);
		expect(bytes.split(bell)).toHaveLength(3);
	});
});
