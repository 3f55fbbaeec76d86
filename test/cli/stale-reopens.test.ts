import {spawnSync} from 'node:child_process';
import {openSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath, tempDir} from '../helpers/paths.js';

/*
Results that must re-run reopen the work (issue 15 item 5): after an unfreeze the phase holding them
is no longer complete, `run` re-runs them first (in a sealed phase too), `run --stale` does only that,
"next:" never names a step that is done, and an override on a result that went stale says so.
*/
const runbookYaml = `id: stale-demo
title: Stale demo
version: "1"
description: Results that go stale when an input is unfrozen.
phases:
  - id: setup
    title: Setup
    body: The values.
    steps:
      - {kind: input, id: enter-target, title: Target, body: The host., name: target, type: text, freeze: true}
      - {kind: input, id: enter-word, title: Word, body: A word., name: word, type: text, freeze: true}
  - id: p
    title: Probe
    body: The checks.
    steps:
      - kind: check
        id: closed
        title: Nothing listens
        body: A port nobody listens on.
        check: tcp.connect
        params: {host: {$input: target}, port: 1, timeoutMs: 2000}
      - kind: command
        id: hello
        title: Say the word
        body: Prints the word.
        argv: [node, -e, "console.log(process.argv[1])", {$input: word}]
  - id: final
    title: Final
    body: Done.
    steps:
      - {kind: instruction, id: finish, title: Finish, body: All done.}
`;

function setUp() {
	const dir = tempDir();
	const runbook = path.join(dir, 'stale.yaml');
	writeFileSync(runbook, runbookYaml);
	const stateDir = path.join(dir, 'state');
	const cli = (...args: string[]) => {
		const result = spawnSync(process.execPath, [cliPath, '--runbook', runbook, '--state-dir', stateDir, '--operator', 'ana', ...args], {
			stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'],
			encoding: 'utf8',
			env: {...process.env, NO_COLOR: '1'},
		});
		return {code: result.status, stdout: result.stdout, stderr: result.stderr};
	};

	return cli;
}

/** Walks the whole runbook to complete: the closed port is overridden, the last step acknowledged. */
function completeAll(cli: ReturnType<typeof setUp>) {
	expect(cli('set', 'target=127.0.0.1').code).toBe(0);
	expect(cli('set', 'word=hi').code).toBe(0);
	expect(cli('run', '--phase', 'p').code).toBe(1);
	expect(cli('override', 'closed', '--reason', 'nothing is meant to listen there yet').code).toBe(0);
	const last = cli('run', '--yes');
	expect(last.code).toBe(0);
	return last;
}

describe('results that must re-run reopen the work', () => {
	it('"next:" after the last step passed says every phase is complete, never the step just done', () => {
		const cli = setUp();
		const last = completeAll(cli);
		expect(last.stdout).toContain('done    finish');
		expect(last.stdout).not.toContain('next: final › finish');
		expect(last.stdout).toContain('next: nothing, every phase is complete');
		expect(cli('status').stdout).toContain('All phases are complete.');
	});

	it('after unfreeze the phase is not complete, status never says so, and run re-runs the stale result first', () => {
		const cli = setUp();
		completeAll(cli);
		expect(cli('unfreeze', 'word', '--reason', 'the customer changed the word').code).toBe(0);

		const status = cli('status');
		expect(status.stdout).not.toContain('All phases are complete');
		expect(status.stdout).toMatch(/Probe — must re-run \(1\/2 done, 1 must re-run\)/);
		expect(status.stdout).toContain('Must re-run: hello (input "word" was unfrozen: the customer changed the word)');
		expect(status.stdout).toContain('Next: Probe › Say the word (hello)');

		// The probe phase is sealed (work went on in Final): before, a plain run skipped it and left the result stale.
		const run = cli('run', '--yes');
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/passed +hello {2}/);
		expect(run.stdout).not.toContain('closed');
		expect(run.stdout).toContain('next: nothing, every phase is complete');
		expect(cli('status').stdout).toContain('All phases are complete.');
	});

	it('run --stale re-runs only stale results; an override on a stale result is shown as no longer in force', () => {
		const cli = setUp();
		completeAll(cli);
		expect(cli('unfreeze', 'target', '--reason', 'the host moved').code).toBe(0);

		const status = cli('status');
		expect(status.stdout).toMatch(/Override on a stale result \(no longer in force, must re-run\): closed by ana at \S+: nothing is meant to listen there yet/);
		expect(status.stdout).not.toContain('Override in force');
		expect(status.stdout).not.toContain('All phases are complete');
		const handover = cli('handover');
		expect(handover.stdout).toContain('the result it accepted is stale (input "target" was unfrozen: the host moved): no longer in force until re-run');

		const onlyStale = cli('run', '--stale');
		// The re-measured port is still closed: the override no longer stands, the failure is back.
		expect(onlyStale.stdout).toMatch(/failed +closed {2}/);
		expect(onlyStale.stdout).not.toContain('hello');
		expect(onlyStale.stdout).toContain('next: p › closed');
		expect(onlyStale.code).toBe(1);

		const nothing = cli('run', '--stale');
		expect(nothing.stdout).toContain('nothing to re-run: no result is stale');
	});
});
