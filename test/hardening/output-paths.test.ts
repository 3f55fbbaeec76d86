import {spawnSync} from 'node:child_process';
import {linkSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath, miniRunbook, tempDir} from '../helpers/paths.js';
import {expectMode} from '../helpers/modes.js';

function cli(stateDir: string, args: string[]) {
	const result = spawnSync(process.execPath, [cliPath, '--runbook', miniRunbook, '--state-dir', stateDir, '--session', 'site', '--new', ...args], {encoding: 'utf8'});
	return {status: result.status, stdout: String(result.stdout), stderr: String(result.stderr)};
}

/** A recorded session, and a check that none of its files changed. */
function recorded() {
	const stateDir = tempDir();
	expect(cli(stateDir, ['set', 'service_port=22']).status).toBe(0);
	const paths = sessionPaths(stateDir, 'site');
	const before = {state: readFileSync(paths.state), journal: readFileSync(paths.journal)};
	const unchanged = () => {
		expect(readFileSync(paths.state).equals(before.state)).toBe(true);
		expect(readFileSync(paths.journal).equals(before.journal)).toBe(true);
	};

	return {stateDir, paths, unchanged};
}

describe('--out never overwrites the session\'s own records', () => {
	it('refuses a symbolic link (here to the state file), leaving its target untouched', () => {
		const {stateDir, paths, unchanged} = recorded();
		const link = path.join(tempDir(), 'report.md');
		symlinkSync(paths.state, link);
		const result = cli(stateDir, ['report', '--out', link]);
		expect(result.status).toBe(2);
		expect(result.stderr).toMatch(/--out .*report\.md is a symbolic link; azs-runbook does not write through links/);
		unchanged();
	});

	for (const which of ['state', 'journal', 'lock'] as const) {
		it(`refuses the session's ${which} file named directly (report and hand-over)`, () => {
			const {stateDir, paths, unchanged} = recorded();
			for (const command of ['report', 'handover']) {
				const result = cli(stateDir, [command, '--out', paths[which]]);
				expect(result.status, result.stderr).toBe(2);
				expect(result.stderr).toMatch(/is a session file of .* \(state, journal or lock\); write the output somewhere else/);
			}

			unchanged();
		});
	}

	it('refuses another spelling of the state file (a relative path through ..) and a hard link to it', () => {
		const {stateDir, paths, unchanged} = recorded();
		const roundabout = path.join(stateDir, 'cache', '..', path.basename(paths.state));
		expect(cli(stateDir, ['report', '--out', roundabout]).status).toBe(2);
		const hardLink = path.join(stateDir, '..', `${path.basename(stateDir)}-copy.json`);
		linkSync(paths.state, hardLink);
		const result = cli(stateDir, ['report', '--format', 'json', '--out', hardLink]);
		expect(result.status).toBe(2);
		expect(result.stderr).toMatch(/is the same file as .*session-site\.json \(a link to a session file\)/);
		unchanged();
	});

	it('inputs export is held to the same rule', () => {
		const {stateDir, paths, unchanged} = recorded();
		const result = cli(stateDir, ['inputs', 'export', paths.state]);
		expect(result.status).toBe(2);
		unchanged();
	});

	it('an ordinary --out still writes, privately', () => {
		const {stateDir, unchanged} = recorded();
		const out = path.join(tempDir(), 'report.md');
		writeFileSync(out, 'old', {mode: 0o644});
		expect(cli(stateDir, ['report', '--out', out]).status).toBe(0);
		expect(readFileSync(out, 'utf8')).toMatch(/^# /);
		if (process.platform !== 'win32') {
			expectMode(out, 0o600);
		}

		unchanged();
	});
});
