import dgram from 'node:dgram';
import {readdirSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {probeTcp} from '../../src/checks/probes/tcp-probe.js';
import {driveScenario} from '../../src/training/drive-scenario.js';
import {scenariosDir, shippedScenarios} from '../../src/training/scenario-library.js';
import {stepApplicability} from '../../src/runbook/conditions.js';
import {embeddedRunbook, stateDirs} from './helpers.js';

const loaded = embeddedRunbook();
const scenarios = shippedScenarios(loaded.runbook);

afterEach(() => {
	vi.restoreAllMocks();
});

describe('the shipped scenarios', () => {
	it('are at least eight, one file per id, one fully healthy, covering the faults the course needs', () => {
		expect(scenarios.length).toBeGreaterThanOrEqual(8);
		const files = readdirSync(scenariosDir()).filter(name => name.endsWith('.yaml')).sort();
		expect(files).toEqual(scenarios.map(({scenario}) => `${scenario.id}.yaml`).sort());
		expect(scenarios.map(({file}) => path.basename(file))).toEqual(scenarios.map(({scenario}) => `${scenario.id}.yaml`));
		const healthy = scenarios.filter(({scenario}) => Object.keys(scenario.expect).length === 0 && Object.keys(scenario.faults).length === 0);
		expect(healthy.map(({scenario}) => scenario.id)).toContain('healthy-site');
		expect(scenarios.map(({scenario}) => scenario.id)).toEqual(expect.arrayContaining([
			'dns-refuses-recursion', 'dns-tcp-blocked', 'single-forwarder', 'ntp-two-hours-off', 'ntp-unsynchronised', 'tls-intercepted',
			'explicit-proxy-on-dvm', 'identity-dropped', 'hlh-unrestricted', 'dns-forwarder-changed', 'public-vip-not-allowed',
		]));
	});

	it('would see a real probe open a socket (the guard below is not blind)', async () => {
		const spy = vi.spyOn(net, 'connect');
		await probeTcp({host: '127.0.0.1', port: 9, timeoutMs: 200, signal: new AbortController().signal});
		expect(spy).toHaveBeenCalled();
	});

	it.each(scenarios.map(item => [item.scenario.id, item] as const))('%s runs end to end and every check comes to the expected verdict', async (_id, scenario) => {
		// The simulation must never touch the network: no socket of any kind is created.
		const sockets = [vi.spyOn(net, 'connect'), vi.spyOn(net, 'createConnection'), vi.spyOn(tls, 'connect'), vi.spyOn(dgram, 'createSocket')];
		const {trainingDir} = stateDirs();
		const outcome = await driveScenario({loaded, scenario, trainingDir});
		expect(outcome.mismatches).toEqual([]);
		// Every check that applies to this site ran (syslog none: the syslog check does not apply).
		const applying = loaded.runbook.phases.flatMap(phase => phase.steps.filter(step => step.kind === 'check' && stepApplicability(phase, step, scenario.scenario.worksheet).applies).map(step => step.id));
		expect(Object.keys(outcome.results).sort()).toEqual(applying.sort());
		expect(applying).not.toContain('post-syslog-tls');
		expect(outcome.session.training).toMatchObject({scenario: scenario.scenario.id});
		for (const spy of sockets) {
			expect(spy).not.toHaveBeenCalled();
		}

		// A finding always says who fixes it, like on site.
		for (const result of Object.values(outcome.results).filter(item => item.status === 'fail' || item.status === 'warn')) {
			expect(result.owner, result.checkId).toBeDefined();
		}
	});
});
