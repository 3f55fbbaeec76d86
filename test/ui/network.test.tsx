import path from 'node:path';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {networkMapOfSession} from '../../src/reports/network-map.js';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {driveScenario} from '../../src/training/drive-scenario.js';
import {findScenario} from '../../src/training/scenario-library.js';
import {networkLines, pipeOf} from '../../src/ui/view/network-lines.js';
import {displayWidth} from '../../src/ui/view/wrap-text.js';
import {repoRoot} from '../helpers/paths.js';
import {keys, plain, press, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';

/*
The Network screen (m on the overview): the HTML report's picture drawn with box-drawing characters,
from the same model. The session: every phase driven on the training simulator with four faults
(TCP 53 dropped, identity 443 reset, TLS intercepted, the HLH left open).
*/

const loaded = loadRunbook(embeddedRunbookPath());

async function openNetwork(stateDir: string, size: {columns: number; rows: number}): Promise<{frame: string; app: ReturnType<typeof mountApp>}> {
	const app = mountApp({runbook: embeddedRunbookPath(), stateDir, session: 'several', size});
	await waitForText(app, 'Resume [TRAINING] several', 30_000);
	await press(app, keys.enter, 30_000);
	let frame = await waitForText(app, /·\s\w+/, 30_000);
	for (let tries = 0; tries < 5 && !frame.includes('Phase overview'); tries++) {
		frame = await press(app, keys.escape, 30_000);
	}

	expect(frame).toContain('Phase overview');
	await press(app, 'm', 30_000);
	return {frame: plain(await waitForText(app, 'Phase overview › network', 30_000)), app};
}

function expectFits(frame: string, size: {columns: number; rows: number}): void {
	const lines = frame.replace(/\n$/, '').split('\n');
	expect(lines.length).toBeLessThan(size.rows);
	for (const line of lines) {
		expect(displayWidth(line), line).toBeLessThanOrEqual(size.columns);
	}
}

describe('Network screen', () => {
	// One driven session for both sizes; each size mounts the app once (one holder of the lock at a time).
	let stateDir = '';
	beforeAll(async () => {
		stateDir = mkdtempSync(path.join(os.tmpdir(), 'azs-network-'));
		const scenario = findScenario(path.join(repoRoot, 'test/fixtures/scenarios/several-failures.yaml'), loaded.runbook)!;
		await driveScenario({loaded, scenario, trainingDir: stateDir, session: 'several'});
	}, 120_000);
	afterAll(() => {
		rmSync(stateDir, {recursive: true, force: true});
	});

	it.each([{columns: 80, rows: 24}, {columns: 120, rows: 40}])('at $columns×$rows: every path with a verdict mark, failing ones with the layer and the owner', async size => {
		{
			const opened = await openNetwork(stateDir, size);
			let frame = opened.frame;
			expectFits(frame, size);
			if (size.rows === 24) {
				// Eight paths and five failures are 22 lines: at 24 rows the rest is a page down.
				expect(frame).toMatch(/↓ \d+ more \(PgDn\)/);
				frame = `${frame}\n${plain(await press(opened.app, keys.pageDown, 30_000))}`;
			}

			expect(frame).toContain('┌─ BMC network 10.193.132.0/26');
			expect(frame).toContain('┌─ Public VIP pool 203.0.113.0/24');
			expect(frame).toMatch(/│ DVM 10\.193\.132\.29 +─\[BMC\]─\[ToR\]─\[Bdr\]─\[FW\]✖·▸ DNS forwarder 10\.50\.10\.50 +✖ FAIL/);
			expect(frame).toMatch(/│ DVM 10\.193\.132\.29 +─\[BMC\]─\[ToR\]─\[Bdr\]─\[FW\]─✔▸ Time server 10\.50\.10\.123 +✔ pass/);
			expect(frame).toMatch(/│ HLH 10\.193\.132\.30 +─\[BMC\]─\[ToR\]✖·\[Bdr\]·\[FW\]·▸ Internet +✖ FAIL/);
			expect(frame).toMatch(/│ VIP 203\.0\.113\.0\/27 +─\[BMC\]─\[ToR\]─\[Bdr\]─\[FW\]─✔▸ Identity endpoints +✔ pass/);
			expect(frame).toContain('TCP 53 dropped · fix: firewall team');
			expect(frame).toMatch(/TCP \d+ open \(must be denied\).* · fix: OEM/);
			expect(frame).toMatch(/TCP 443 reset; TLS intercepted by Fabrikam Inspection CA · fix: firewall/);
		}
	}, 120_000);

	it('marks paths not run and stale with their own rail and mark', () => {
		const path = {id: 'x', source: {role: 'dvm' as const, label: 'DVM'}, destination: {role: 'time' as const, label: 'Time server'}, service: 'NTP UDP 123', expect: 'allow' as const, layers: [], owners: [], waived: false, stepIds: []};
		expect(pipeOf({...path, verdict: 'not-run'})).toBe('┄[BMC]┄[ToR]┄[Bdr]┄[FW]┄·');
		expect(pipeOf({...path, verdict: 'stale'})).toBe('┈[BMC]┈[ToR]┈[Bdr]┈[FW]┈↻');
		expect(pipeOf({...path, verdict: 'warn'})).toBe('─[BMC]─[ToR]─[Bdr]─[FW]─!');
	});

	it('draws the same paths as the HTML picture, one row each, in order', async () => {
		const {readSessionReadOnly} = await import('../../src/journal/read-session.js');
		const session = readSessionReadOnly(stateDir, 'several', loaded.runbook)!.session;
		const map = networkMapOfSession(loaded.runbook, session);
		const rows = networkLines(map, 80).filter(line => line.text.startsWith('│ ') && line.text.includes('▸'));
		expect(rows.map(line => line.key)).toEqual(map.paths.map(path => path.id));
		expect(rows.map(line => line.text.trimEnd().split(' ').at(-1))).toEqual(map.paths.map(path => ({pass: 'pass', warn: 'warn', fail: 'FAIL', 'not-run': 'run', stale: 'stale'})[path.verdict]));
	}, 60_000);
});
