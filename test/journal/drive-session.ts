import {runSteps} from '../../src/engine/run-steps.js';
import type {Session} from '../../src/engine/state.js';
import {loadRunbook, type LoadedRunbook} from '../../src/runbook/load-runbook.js';
import {openSession, type OpenedSession} from '../../src/session/open-session.js';
import {fakeClock} from '../helpers/memory-session.js';
import {miniRunbook} from '../helpers/paths.js';

/** Run options for tests: probes only reach closed loopback ports, so a second is plenty. */
export const testRunFlags = () => ({signal: new AbortController().signal, timeoutMs: 1000, concurrency: 4, extraCaPem: [], yes: true});

export type DriveOptions = {
	stateDir: string;
	name?: string;
	runbookFile?: string;
	training?: Session['training'];
	/** Leave the session open (the caller closes opened.store). */
	keepOpen?: boolean;
};

export type Driven = {opened: OpenedSession; loaded: LoadedRunbook; clock: ReturnType<typeof fakeClock>};

/** Opens a session on a fixed clock (journal times are deterministic; check start times are real). */
export function openDriven(options: DriveOptions, clock = fakeClock('2026-01-05T08:00:00.000Z')): Driven {
	const loaded = loadRunbook(options.runbookFile ?? miniRunbook);
	const opened = openSession({
		loaded,
		stateDir: options.stateDir,
		name: options.name ?? 'site-a',
		operator: 'alice',
		now: clock.now,
		...(options.training ? {training: options.training} : {}),
	})!;
	return {opened, loaded, clock};
}

/**
Drives the mini runbook through the engine so that every step runs: an instruction, inputs, a real
tcp.connect against closed loopback ports (refused, fast), a command, an override, a confirmation,
an unfreeze with a new value and a re-run. The DNS forwarders are only echoed, never contacted.
*/
export async function driveFullSession(options: DriveOptions): Promise<Driven> {
	const driven = openDriven(options);
	const {opened, clock} = driven;
	const {controller} = opened;
	const step = async (target: {phaseId?: string; stepId?: string} = {}) => {
		clock.advance(60_000);
		await runSteps(controller, target, testRunFlags());
	};

	await step();
	clock.advance(4 * 60_000);
	controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['10.0.0.53', '10.0.1.53']});
	controller.advance();
	clock.advance(60_000);
	controller.dispatch({type: 'input.set', name: 'service_port', value: '443'});
	controller.advance();
	await step();
	clock.advance(10 * 60_000);
	controller.dispatch({type: 'step.overridden', stepId: 'port-open', reason: 'the service is not installed until phase 7; accepted by the customer'});
	controller.advance();
	clock.advance(60_000);
	controller.dispatch({type: 'step.confirmed', stepId: 'backed-up'});
	controller.advance();
	await step();
	clock.advance(30 * 60_000);
	controller.dispatch({type: 'input.unfreeze', name: 'dns_forwarders', reason: 'the customer moved the second forwarder'});
	clock.advance(60_000);
	controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['10.0.0.53', '10.0.2.53']});
	await step({stepId: 'echo-dns'});
	if (!options.keepOpen) {
		opened.store.close();
	}

	return driven;
}
