import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {execa} from 'execa';
import {describe, expect, it} from 'vitest';
import {cliPath, tempDir} from '../helpers/paths.js';

/*
After Ctrl+C, `run` used to print the previous run's verdict for the step it cancelled ("✖ failed")
as if it were this run's result. A cancelled step prints "cancelled".
*/
describe('run stopped by Ctrl+C', () => {
	it('prints "cancelled" for the step it stopped, never the previous verdict', async () => {
		const dir = tempDir();
		const marker = path.join(dir, 'started');
		const runbook = path.join(dir, 'slow.yaml');
		writeFileSync(runbook, `id: slow
title: Slow runbook
version: "1"
description: a command that fails once, then hangs until stopped
phases:
  - id: work
    title: Work
    body: b
    steps:
      - {kind: input, id: enter-mode, title: Mode, body: b, name: mode, type: text}
      - kind: command
        id: slow
        title: Slow command
        body: b
        argv: [node, -e, "if (process.argv[1] === 'fail') process.exit(1); require('fs').writeFileSync(process.argv[2], 'x'); setTimeout(() => {}, 120000)", {$input: mode}, ${JSON.stringify(marker)}]
`);
		const cli = (...args: string[]) => execa(process.execPath, [cliPath, '--runbook', runbook, '--state-dir', path.join(dir, 'state'), ...args], {reject: false, env: {NO_COLOR: '1'}, stdin: 'ignore'});
		expect((await cli('set', 'mode=fail')).exitCode).toBe(0);
		const first = await cli('run', '--yes');
		expect(first.stdout).toContain('failed  slow');
		expect((await cli('set', 'mode=hang')).exitCode).toBe(0);

		const run = cli('run', '--yes');
		// Stop it once the command is really running (its marker file), not after a fixed delay.
		for (let attempt = 0; attempt < 600 && !existsSync(marker); attempt++) {
			await new Promise(resolve => setTimeout(resolve, 50));
		}

		expect(existsSync(marker)).toBe(true);
		run.kill('SIGINT');
		const stopped = await run;
		expect(stopped.stdout).toContain('cancelled slow  stopped before it finished');
		expect(stopped.stdout).not.toContain('failed  slow');
		expect(stopped.stdout).toContain('stopped: finished steps are saved');
		expect(stopped.exitCode).toBe(130);
	}, 120_000);
});
