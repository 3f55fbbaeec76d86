import {writeFileSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runSteps} from '../../src/engine/run-steps.js';
import {computeDiff} from '../../src/reports/compute-diff.js';
import {parseSince} from '../../src/reports/parse-since.js';
import {renderDiff} from '../../src/reports/render-diff.js';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {tempDir} from '../helpers/paths.js';
import {openDriven, testRunFlags} from '../journal/drive-session.js';

const servers: net.Server[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => new Promise(resolve => server.close(resolve))));
});

async function listen(port = 0): Promise<{server: net.Server; port: number}> {
	const server = net.createServer(socket => socket.destroy());
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	servers.push(server);
	return {server, port: (server.address() as net.AddressInfo).port};
}

async function close(server: net.Server): Promise<void> {
	servers.splice(servers.indexOf(server), 1);
	await new Promise(resolve => server.close(resolve));
}

/** Checks against two loopback ports whose listeners the test opens and closes between runs. */
function writeRunbook(dir: string, ports: {opensLater: number; closesLater: number}): string {
	const check = (id: string, port: number) => `      - {kind: check, id: ${id}, title: ${id}, body: b, check: tcp.connect, params: {host: 127.0.0.1, port: ${port}, timeoutMs: 1000}}`;
	const file = path.join(dir, 'diff.yaml');
	writeFileSync(file, [
		'id: diff-fixture', 'title: Diff fixture', 'version: "1"', 'description: listeners come and go between runs', 'phases:',
		'  - id: checks', '    title: Checks', '    body: b', '    steps:',
		check('opened-by-firewall-change', ports.opensLater),
		check('closed-by-firewall-change', ports.closesLater),
		check('never-open', 1),
		'      - {kind: command, id: always-ok, title: always-ok, body: b, argv: [node, -e, ""]}',
		'',
	].join('\n'));
	return file;
}

describe('diff between recorded runs', () => {
	it('says what is newly failing, fixed and still failing since a change, with times', async () => {
		const dir = tempDir();
		const closesLater = await listen();
		const spare = await listen();
		const opensLater = spare.port;
		await close(spare.server);
		const runbookFile = writeRunbook(dir, {opensLater, closesLater: closesLater.port});
		const stateDir = path.join(dir, 'state');
		const {opened, clock} = openDriven({stateDir, runbookFile});
		const run = async () => runSteps(opened.controller, {phaseId: 'checks'}, testRunFlags());

		clock.advance(10 * 60_000);
		await run();
		clock.advance(20 * 60_000);
		const firewallChange = clock.now().toISOString();
		await close(closesLater.server);
		await listen(opensLater);
		clock.advance(15 * 60_000);
		await run();
		opened.store.close();

		const entries = readJournal(sessionPaths(stateDir, 'site-a').journal).entries;
		const diff = computeDiff(entries, {since: firewallChange});
		const byStep = Object.fromEntries(diff.steps.map(step => [step.stepId, step]));
		expect(byStep['opened-by-firewall-change']).toMatchObject({change: 'fixed', before: {state: 'failed', at: '2026-01-05T08:10:00.000Z'}, after: {state: 'passed', at: '2026-01-05T08:45:00.000Z'}, failingSince: '2026-01-05T08:10:00.000Z'});
		expect(byStep['closed-by-firewall-change']).toMatchObject({change: 'newly-failing', before: {state: 'passed'}, after: {state: 'failed'}});
		expect(byStep['never-open']).toMatchObject({change: 'still-failing', failingSince: '2026-01-05T08:10:00.000Z', runs: 2});
		expect(byStep['always-ok']).toMatchObject({change: 'still-passing'});
		expect(diff.counts).toMatchObject({'newly-failing': 1, fixed: 1, 'still-failing': 1, 'still-passing': 1});

		// Without --since: the last two runs of each step, which here are the same two runs.
		expect(computeDiff(entries).steps.map(step => step.change)).toEqual(diff.steps.map(step => step.change));

		const text = renderDiff(diff, {timeZone: 'UTC'});
		expect(text).toContain('Changes since 2026-01-05 08:30 UTC');
		expect(text).toMatch(new RegExp(`Newly failing \\(1\\)\\n  ✖ closed-by-firewall-change  passed 2026-01-05 08:10 UTC → failed 2026-01-05 08:45 UTC: TCP 127\\.0\\.0\\.1:${closesLater.port} refused`));
		expect(text).toMatch(/Fixed \(1\)\n {2}✔ opened-by-firewall-change {2}failed 2026-01-05 08:10 UTC → passed 2026-01-05 08:45 UTC \(failing for 35 min\)/);
		expect(text).toMatch(/Still failing \(1\)\n {2}✖ never-open {2}failing since 2026-01-05 08:10 UTC, last failed 2026-01-05 08:45 UTC/);
		expect(text).toContain('1 still passing');

		// After the last run nothing was re-run; before the first nothing had run.
		const later = computeDiff(entries, {since: '2026-01-05T09:00:00.000Z'});
		expect(later.steps.every(step => step.change === 'not-rerun')).toBe(true);
		expect(renderDiff(later)).toContain('not re-run since: opened-by-firewall-change, closed-by-firewall-change, never-open, always-ok');
		expect(computeDiff(entries, {since: '2026-01-05T08:00:00.000Z'}).steps.every(step => step.change === 'first-run')).toBe(true);
	});

	it('reads --since as an ISO time, a clock time today, or an age', () => {
		const now = new Date('2026-01-05T12:00:00.000Z');
		expect(parseSince('2026-01-05T09:30Z', now)).toBe('2026-01-05T09:30:00.000Z');
		expect(parseSince('90m', now)).toBe('2026-01-05T10:30:00.000Z');
		expect(parseSince('2h', now)).toBe('2026-01-05T10:00:00.000Z');
		const clock = parseSince('09:30', now)!;
		expect(new Date(clock).getHours()).toBe(9);
		expect(new Date(clock).getMinutes()).toBe(30);
		for (const bad of ['yesterday', '25:00', '1', 'March']) {
			expect(parseSince(bad, now), bad).toBeUndefined();
		}
	});
});
