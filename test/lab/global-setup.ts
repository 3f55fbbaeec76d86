import type {TestProject} from 'vitest/node';
import {cleanStaleLabs, defaultPrefix, labDown, labUp, type LabState} from './lab.js';
import {labPreflight} from './preflight.js';
import './lab-client.js';

/**
Vitest global setup of the `lab` project: builds one lab for the whole run and tears it down after.
Without root or tools the lab tests skip with the reason; with NETLAB_REQUIRED=1 that fails the run.
Teardown also runs on SIGINT/SIGTERM and at exit, so a cancelled run leaves no namespace behind.
*/
export default function setup(project: TestProject): (() => void) | undefined {
	const required = process.env.NETLAB_REQUIRED === '1';
	const prefix = defaultPrefix();
	const preflight = labPreflight(prefix);
	if (!preflight.ok) {
		if (required) {
			throw new Error(`${preflight.reason} (NETLAB_REQUIRED=1)`);
		}

		project.provide('lab', {ready: false, reason: preflight.reason});
		return undefined;
	}

	cleanStaleLabs();
	let state: LabState;
	try {
		state = labUp(prefix);
	} catch (error) {
		if (required) {
			throw error;
		}

		project.provide('lab', {ready: false, reason: (error as Error).message.split('\n')[0]!});
		return undefined;
	}

	let down = false;
	const teardown = () => {
		if (!down) {
			down = true;
			labDown(state);
		}
	};

	const onSignal = (signal: NodeJS.Signals) => {
		teardown();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};

	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	process.once('exit', teardown);
	console.log(`netlab: lab ${prefix} built in ${state.buildMs} ms`);
	project.provide('lab', {ready: true, prefix, runDir: state.runDir, pkiDir: state.pkiDir, buildMs: state.buildMs ?? 0});
	return () => {
		teardown();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		process.off('exit', teardown);
	};
}
