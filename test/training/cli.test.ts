import {spawnSync} from 'node:child_process';
import {existsSync, openSync, readdirSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {cliPath} from '../helpers/paths.js';
import {stateDirs} from './helpers.js';

/** Runs the built CLI without a terminal against one state directory. */
function cliIn(stateDir: string) {
	return (...args: string[]) => {
		const stdin = openSync('/dev/null', 'r');
		const result = spawnSync(process.execPath, [cliPath, '--state-dir', stateDir, ...args], {stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		return {code: result.status, stdout: result.stdout, stderr: result.stderr};
	};
}

/** The confirmations a compliant trainee gives before the DVM egress phase. */
const beforeEgress = ['session-contacts', 'worksheet-matches-oem', 'certificates-validated', 'identity-validated', 'registration-validated', 'prerequisites-locked', 'border-uplinks', 'border-routing', 'border-static-routes', 'border-nat', 'border-deployment-sources', 'border-hlh-network-validation'];

/** Walks a training session through the phases before DVM egress with the normal commands and --training. */
function walkToEgress(cli: ReturnType<typeof cliIn>, session: string): void {
	const trainee = (...args: string[]) => cli(...args, '--training', '--session', session);
	expect(trainee('run', '--yes').code).toBe(0);
	for (const stepId of beforeEgress) {
		const result = trainee('confirm', stepId);
		expect(result.code, `${stepId}: ${result.stderr}`).toBe(0);
		trainee('run', '--yes');
	}
}

describe('train on the command line', () => {
	it('lists the scenarios with what each teaches', () => {
		const {stateDir} = stateDirs();
		const result = cliIn(stateDir)('train', 'list');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('dns-tcp-blocked: TCP 53 blocked while UDP passes');
		expect(result.stdout).toMatch(/teaches: Why DNS is tested over UDP and TCP separately/);
		expect(cliIn(stateDir)('--help').stdout).toContain('train start SCENARIO --trainee NAME');
	});

	it('keeps training sessions apart: never in the real session list, marked TRAINING in status, journal and report', () => {
		const {stateDir, trainingDir} = stateDirs();
		const cli = cliIn(stateDir);
		const started = cli('train', 'start', 'ntp-two-hours-off', '--trainee', 'Bob Smith');
		expect(started.code).toBe(0);
		expect(started.stdout).toContain('TRAINING session "training-Bob-Smith" started');
		expect(cli('set', 'region=west', '--session', 'real-site', '--new').code).toBe(0);

		const real = cli('sessions', '--json');
		expect((JSON.parse(real.stdout) as Array<{name: string}>).map(item => item.name)).toEqual(['real-site']);
		expect(readdirSync(stateDir).filter(file => file.includes('training-Bob-Smith'))).toEqual([]);
		expect(cli('sessions', '--training').stdout).toContain('training-Bob-Smith');
		expect(cli('sessions', '--training').stdout).not.toContain('real-site');

		const session = ['--training', '--session', 'training-Bob-Smith'];
		expect(cli('status', ...session).stdout.split('\n')[0]).toContain('[TRAINING, trainee Bob Smith]');
		expect(cli('report', '--format', 'md', ...session).stdout).toContain('> **TRAINING SESSION: not a real deployment.** Scenario ntp-two-hours-off, trainee Bob Smith.');
		expect(cli('journal', ...session).stdout.split('\n')[0]).toBe('TRAINING SESSION: these entries are from a training exercise, not a real deployment');
		const {entries} = readJournal(sessionPaths(trainingDir, 'training-Bob-Smith').journal);
		expect(entries.length).toBeGreaterThan(16);
		expect(entries.every(entry => entry.training === true)).toBe(true);
		expect(readJournal(sessionPaths(stateDir, 'real-site').journal).entries.some(entry => entry.training)).toBe(false);

		// A training session is only ever created by train start, with its simulated site beside it.
		const missing = cli('run', '--training', '--session', 'no-such-drill');
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('no training session "no-such-drill"');
		expect(existsSync(sessionPaths(trainingDir, 'no-such-drill').state)).toBe(false);
	}, 300_000);

	it('a condition injected mid-session changes the next run; clearing it (the fix) passes; the summary tells the story', () => {
		const {stateDir} = stateDirs();
		const cli = cliIn(stateDir);
		const session = 'drill';
		expect(cli('train', 'start', 'healthy-site', '--trainee', 'ann', '--session', session).code).toBe(0);
		walkToEgress(cli, session);
		const trainee = (...args: string[]) => cli(...args, '--training', '--session', session);
		const first = trainee('run', '--step', 'egress-dns-forwarders');
		expect(first.code).toBe(0);
		expect(first.stdout).toContain('✔ passed  egress-dns-forwarders  2 forwarders answered 4 names over UDP and TCP');

		const injected = cli('train', 'inject', session, '{flows: [{to: 10.50.10.51, port: 53, protocol: tcp, action: drop}]}');
		expect(injected.code).toBe(0);
		expect(injected.stdout).toContain('injected inline-1');
		const second = trainee('run', '--step', 'egress-dns-forwarders');
		expect(second.code).toBe(0);
		expect(second.stdout).toContain('! warned  egress-dns-forwarders  only 1 of 2 forwarders answer fully (10.50.10.50): management.azure.com via TCP 10.50.10.51: no answer on TCP 53, but the host answers DNS over UDP 53 and resets TCP 1: TCP 53 is filtered on the way');

		const unknown = cli('train', 'inject', session, 'tcp53-blocked');
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('scenario healthy-site has no condition "tcp53-blocked"');
		const typo = cli('train', 'inject', session, '{flows: [{to: 10.50.10.51, acton: drop}]}');
		expect(typo.code).toBe(2);
		expect(typo.stderr).toContain('the condition on the command line:1:28: flows[0].acton: unknown key "acton" (did you mean "action"?)');
		expect(cli('train', 'hint', 'egress-dns-forwarders', '--session', session).stdout).toContain('Hint 1 of 1 for egress-dns-forwarders');
		expect(cli('train', 'escalate', 'egress-dns-forwarders', '--to', 'firewall-team', '--reason', 'ticket 7', '--session', session).code).toBe(0);
		expect(cli('train', 'clear', session, 'inline-1').stdout).toContain('in force: nothing (the healthy site)');
		const third = trainee('run', '--step', 'egress-dns-forwarders');
		expect(third.stdout).toContain('✔ passed  egress-dns-forwarders');

		const summary = JSON.parse(cli('train', 'summary', session, '--json').stdout) as Array<{faults: Array<{stepId: string; outcome: string; seen: string; owner: string}>; hints: {total: number}; conditionChanges: Array<{action: string}>}>;
		expect(summary[0]!.faults).toEqual([expect.objectContaining({stepId: 'egress-dns-forwarders', outcome: 'fixed', seen: 'warn', owner: 'firewall-team'})]);
		expect(summary[0]!.hints.total).toBe(1);
		expect(summary[0]!.conditionChanges.map(change => change.action)).toEqual(['start', 'inject', 'clear']);
		expect(cli('train', 'summary', session).stdout).toContain('Faults in the exercise: 1 — 1 found (1 fixed or escalated to the right team), 0 missed, 0 never run');
	}, 300_000);

	it('verifies scenarios end to end from the command line', () => {
		const {stateDir} = stateDirs();
		const result = cliIn(stateDir)('train', 'verify', 'tls-intercepted', 'healthy-site');
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('✔ tls-intercepted: as expected\n✔ healthy-site: as expected\n');
	});
});
