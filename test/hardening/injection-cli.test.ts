import {spawnSync} from 'node:child_process';
import {mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Action} from '../../src/engine/actions.js';
import {reduce} from '../../src/engine/reducer.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';
import {cliPath} from '../helpers/paths.js';

/*
Terminal injection through the plain CLI. Hostile text sits in every place it can come from: the
step file (titles, bodies), the journal (an operator name, a reason and an input value recorded by
an older version that did not refuse them), a command's output, an answer file. Every command's
stdout and stderr must carry it only as a visible \uXXXX; what an operator types is refused.
*/
const esc = '\u001B';
const osc = `${esc}]0;pwned\u0007`;
// A raw control character a terminal would act on: C0 but tab and line feed, DEL, C1.
// eslint-disable-next-line no-control-regex
const rawControl = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E]/;

const hostileRunbook = String.raw`id: hostile
title: "Hostile \e]0;title\a runbook"
version: "1"
description: "described \e[2J"
phases:
  - id: setup
    title: "Setup \e]0;phase\a"
    body: "Phase body \e[31m"
    steps:
      - {kind: instruction, id: read-me, title: "Read \e[2J the brief", body: "Body \e]0;x\a"}
      - {kind: input, id: enter-note, title: "Site note \x9b31m", body: b, name: note, type: text}
      - {kind: input, id: enter-dns, title: DNS servers, body: b, name: dns, type: ipv4-list}
  - id: checks
    title: Checks
    body: b
    steps:
      - {kind: command, id: echo, title: "Echo \e]0;cmd\a", body: b, argv: [node, -e, "process.stdout.write('out \\u001b]0;cmdout\\u0007 \\u202Eevil done\\n')"]}
      - {kind: check, id: port, title: "Port \e[31mred", body: b, check: tcp.connect, params: {host: 127.0.0.1, port: 1, timeoutMs: 1000}}
`;

let dir: string;
let runbook: string;
let stateDir: string;

function cli(args: string[]) {
	const stdin = openSync('/dev/null', 'r');
	const result = spawnSync(process.execPath, [cliPath, '--runbook', runbook, '--state-dir', stateDir, '--session', 'site-a', '--new', ...args], {
		stdio: [stdin, 'pipe', 'pipe'],
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1'},
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr, all: result.stdout + result.stderr};
}

beforeAll(() => {
	// One session for the whole file (tempDir would remove it after the first test).
	dir = mkdtempSync(path.join(os.tmpdir(), 'azs-inject-'));
	runbook = path.join(dir, 'hostile.yaml');
	stateDir = path.join(dir, 'state');
	writeFileSync(runbook, hostileRunbook);
	// A journal written before names, reasons and values were refused: recorded as an older version would.
	const loaded = loadRunbook(runbook);
	const opened = openSession({loaded, stateDir, name: 'site-a', operator: 'alice'})!;
	try {
		let session = opened.controller.session;
		const record = (action: Action) => {
			session = opened.store.record(action, reduce(loaded.runbook, session, action));
		};

		const at = new Date().toISOString();
		record({type: 'step.acknowledged', stepId: 'read-me', at, by: 'alice'});
		record({type: 'input.set', name: 'dns', value: ['10.0.0.1'], at, by: 'alice'});
		record({type: 'input.set', name: 'note', value: `note ${osc}`, at, by: `mallory${osc}`});
		record({type: 'step.overridden', stepId: 'port', reason: `safe ${esc}[2J because\rFAKE`, at, by: `eve\u009B31m`});
	} finally {
		opened.store.close();
	}
});

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('no raw control character reaches the terminal from any source', () => {
	const outputs: Array<[string, string[], string]> = [
		['status (step-file titles, override reason and operator)', ['status'], 'Setup \\u001b]0;phase\\u0007'],
		['status --json', ['status', '--json'], 'phase'],
		['journal (operator names, reasons, input values)', ['journal', '--all'], 'mallory\\u001b]0;pwned\\u0007'],
		['journal --json', ['journal', '--json'], 'mallory'],
		['inputs (text input value)', ['inputs'], 'note \\u001b]0;pwned\\u0007'],
		['sessions', ['sessions'], 'site-a'],
		['hand-over', ['handover'], 'safe \\u001b[2J because\\u000dFAKE'],
		['Markdown report', ['report'], 'Read \\u001b\\[2J the brief'],
		['JSON report', ['report', '--format', 'json'], 'mallory'],
		['JUnit report', ['report', '--format', 'junit'], 'Port'],
		['run (titles, verdicts)', ['run', '--phase', 'checks', '--yes'], 'passed  echo'],
		['journal after the run (a command\'s output)', ['journal', '--json'], 'cmdout\\u0007 \\u202eevil'],
		['journal verify', ['journal', 'verify'], 'ok'],
		['diff', ['diff'], ''],
	];

	it.each(outputs)('%s', (_name, args, expected) => {
		const result = cli(args);
		expect(result.all).not.toMatch(rawControl);
		expect(result.all).toContain(expected);
	});

	it('JSON output stays valid and keeps the recorded value', () => {
		const result = cli(['report', '--format', 'json']);
		const report = JSON.parse(result.stdout) as unknown;
		expect(JSON.stringify(report)).toContain('mallory\\u001b]0;pwned\\u0007');
	});
});

describe('what an operator types is refused, and the refusal is escaped', () => {
	it.each([
		['a text input (set)', ['set', `note=hello${osc}`], 'must not contain control characters'],
		['an override reason', ['override', 'port', '--reason', `looks fine${osc}`], 'must not contain control characters'],
		['an unfreeze reason', ['unfreeze', 'dns', '--reason', `why${osc}`], 'must not contain control characters'],
		['an operator name', ['--operator', `bob${osc}`, 'confirm', 'read-me'], '--operator must not contain control characters'],
		['a trainee name', ['train', 'start', 'dns-forwarder-blocked', '--trainee', `tim${osc}`], '--trainee must not contain control characters'],
		['a session name', ['--session', `x${osc}`, 'status'], 'session name'],
	])('%s', (_name, args, message) => {
		const result = cli(args);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(message);
		expect(result.all).not.toMatch(rawControl);
	});

	it('answer-file values echoed in refusals are escaped', () => {
		const file = path.join(dir, 'answers.yaml');
		writeFileSync(file, String.raw`inputs:
  dns: "10.0.0.1 \e]0;pwned\a"
  note: "line\e[2J"
`);
		const result = cli(['inputs', 'import', file]);
		expect(result.all).not.toMatch(rawControl);
		expect(result.all).toContain('"\\u001b]0" is not an IPv4 address');
		expect(result.all).toContain('must not contain control characters');
	});
});
