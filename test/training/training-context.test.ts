import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseCliArgs} from '../../src/cli/args.js';
import {createContext, runOptionsFrom} from '../../src/cli/context.js';
import {locateStep} from '../../src/engine/runbook-index.js';
import {runCheckStep} from '../../src/engine/run-check-step.js';
import {defaultRunOptions} from '../../src/engine/run-options.js';
import type {CheckStep} from '../../src/runbook/schema.js';
import {startTraining} from '../../src/training/start-training.js';
import {embeddedRunbook, shipped, stateDirs} from './helpers.js';

const loaded = embeddedRunbook();
const tlsStep = locateStep(loaded.runbook, 'egress-tls-not-intercepted')!.step as CheckStep;

describe('--training', () => {
	it('points the command at the training state directory and runs checks on each session\'s own simulated site', async () => {
		const {stateDir, trainingDir} = stateDirs();
		for (const [session, scenario] of [['a', 'healthy-site'], ['b', 'tls-intercepted']] as const) {
			startTraining({loaded, trainingDir, scenario: shipped(scenario), trainee: session, session, operator: 'instructor'}).opened.store.close();
		}

		// Opened for "a", as the TUI would be before the trainee picks "b" on its start screen.
		const context = await createContext(parseCliArgs(['--training', '--state-dir', stateDir, '--session', 'a']));
		expect(context.stateDir).toBe(path.join(stateDir, 'training'));
		const options = runOptionsFrom(context, new AbortController().signal);
		expect(options.skipCommands).toMatch(/^training: /);
		const tls = async (session: string) => {
			const probes = options.probesFor!(tlsStep.id, session);
			const record = await probes.web({address: '198.18.0.10', port: 443, hostname: 'login.microsoftonline.com', scheme: 'https', extraCaPem: [], timeoutMs: 1000, signal: new AbortController().signal});
			return record.tls?.issuers?.[0];
		};

		expect(await tls('a')).toBe('Microsoft Azure RSA TLS Issuing CA 04 (Microsoft Corporation)');
		expect(await tls('b')).toBe('Fabrikam Inspection CA');
		expect(() => options.probesFor!(tlsStep.id, 'nobody')).toThrow(/"nobody" has no training state/);
	});

	it('a training session opened without it records an error, never a measurement of the real network', async () => {
		const {trainingDir} = stateDirs();
		const {opened} = startTraining({loaded, trainingDir, scenario: shipped('healthy-site'), trainee: 'ann', session: 'drill', operator: 'instructor'});
		const session = await runCheckStep(opened.controller, tlsStep, defaultRunOptions());
		opened.store.close();
		expect(session.steps[tlsStep.id]?.result).toMatchObject({status: 'error', evidence: [], summary: 'this is a training session: its checks run on the simulated site only (open it with --training)'});
	});
});
