import {EngineRefusal} from '../engine/actions.js';
import {applies} from '../engine/applicability.js';
import type {CheckResult} from '../checks/types.js';
import type {SessionController} from '../engine/controller.js';
import {phaseGate} from '../engine/gating.js';
import {runCheckStep} from '../engine/run-check-step.js';
import {defaultRunOptions} from '../engine/run-options.js';
import {runSteps} from '../engine/run-steps.js';
import type {Session} from '../engine/state.js';
import type {LoadedRunbook} from '../runbook/load-runbook.js';
import type {Phase} from '../runbook/schema.js';
import type {LoadedScenario} from './load-scenario.js';
import {sessionProbes} from './session-probes.js';
import {startTraining} from './start-training.js';
import {compareWithExpectations, type Mismatch} from './expectations.js';

export type DriveOptions = {
	loaded: LoadedRunbook;
	scenario: LoadedScenario;
	trainingDir: string;
	session?: string;
	operator?: string;
	timeoutMs?: number;
	/** Real time per simulated millisecond; 0 (default) answers at once. */
	timeScale?: number;
};

export type DriveOutcome = {
	session: Session;
	/** The last result of every check step, by step id. */
	results: Record<string, CheckResult>;
	mismatches: Mismatch[];
	/** Phases whose gate stayed shut (a blocking failure that may not be overridden); their checks ran directly. */
	lockedPhases: string[];
};

const reason = 'training verification: the scenario expects this finding';

/** Acknowledges, attests and skips what needs a person or a real host, as a compliant trainee would. */
function walkManualSteps(controller: SessionController, phase: Phase): void {
	for (const step of phase.steps) {
		const state = controller.session.steps[step.id]?.state;
		if (step.kind === 'instruction' && state !== 'done') {
			controller.dispatch({type: 'step.acknowledged', stepId: step.id});
		} else if (step.kind === 'confirm' && state !== 'done') {
			controller.dispatch({type: 'step.confirmed', stepId: step.id});
		} else if (step.kind === 'command' && state === undefined) {
			// Commands would run on this machine, not on the simulated site.
			controller.dispatch({type: 'step.skipped', stepId: step.id, reason: 'training: command steps do not run against the simulated site'});
		}
	}
}

/** Overrides the blocking findings the scenario expects, so the walk goes on to the next phase. */
function overrideExpectedFindings(controller: SessionController, phase: Phase): void {
	for (const step of phase.steps) {
		const state = controller.session.steps[step.id]?.state;
		if (step.kind === 'check' && step.blocking && step.overridable && (state === 'failed' || state === 'error')) {
			controller.dispatch({type: 'step.overridden', stepId: step.id, reason});
		}
	}
}

/**
Runs a scenario end to end, non-interactively: starts a training session, walks every phase of the
runbook in order through the engine (instructions acknowledged, confirmations attested, check steps
run by `runSteps` on the simulated probes) and compares each check's verdict with the scenario's
expectations. A phase whose gate a non-overridable finding keeps shut has its checks run one by one.
*/
export async function driveScenario(options: DriveOptions): Promise<DriveOutcome> {
	const {loaded, scenario, trainingDir} = options;
	const session = options.session ?? `verify-${scenario.scenario.id}`;
	const {opened} = startTraining({loaded, trainingDir, scenario, trainee: 'verify', session, operator: options.operator ?? 'verify'});
	const {controller} = opened;
	const lockedPhases: string[] = [];
	try {
		const runOptions = {
			...defaultRunOptions(),
			timeoutMs: options.timeoutMs ?? 5000,
			probesFor: sessionProbes(trainingDir, {timeScale: options.timeScale ?? 0}),
			yes: true,
		};
		for (const [phaseIndex, phase] of loaded.runbook.phases.entries()) {
			walkManualSteps(controller, phase);
			if (phaseGate(loaded.runbook, controller.session, phaseIndex).open) {
				await runSteps(controller, {phaseId: phase.id}, runOptions);
				overrideExpectedFindings(controller, phase);
				walkManualSteps(controller, phase);
			} else {
				lockedPhases.push(phase.id);
				for (const step of phase.steps) {
					if (step.kind === 'check' && applies(controller.session, phase, step)) {
						await runCheckStep(controller, step, runOptions).catch((error: unknown) => {
							// Like a phase run: a check needing an input the scenario does not give is refused, not fatal.
							if (!(error instanceof EngineRefusal)) {
								throw error;
							}
						});
					}
				}
			}
		}

		const results = Object.fromEntries(Object.entries(controller.session.steps).flatMap(([stepId, record]) => (record.result ? [[stepId, record.result]] : [])));
		return {session: controller.session, results, mismatches: compareWithExpectations(loaded.runbook, scenario.scenario, results), lockedPhases};
	} finally {
		opened.store.close();
	}
}
