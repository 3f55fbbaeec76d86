import type {Phase, Step} from '../runbook/schema.js';
import {EngineRefusal} from './actions.js';
import {applicability, applies, sessionStep} from './applicability.js';
import type {SessionController} from './controller.js';
import {describeLock, isPhaseComplete, isPhaseSealed, isSatisfied, phaseGate, staleSteps} from './gating.js';
import {mapLimit} from './map-limit.js';
import {runCheckStep} from './run-check-step.js';
import {runCommandStep} from './run-command-step.js';
import type {RunOptions} from './run-options.js';
import {locateStep, unknownStepText} from './runbook-index.js';
import type {StepState} from './state.js';

/** `stale`: only re-run the results that must re-run (an input changed or was unfrozen, expired, another host). */
export type RunTarget = {phaseId?: string; stepId?: string; stale?: boolean};

/** What a run did and what it is waiting for, for the CLI's output and exit code. */
export type RunReport = {
	/** `cancelled`: stopped before it finished; `state` is then the state from before the run, not a result. */
	ran: Array<{stepId: string; state: StepState; blocking: boolean; cancelled?: true}>;
	/** Steps that need a person: acknowledge, enter a value, attest; `command`: the CLI words that do it. */
	waiting: Array<{stepId: string; title: string; reason: string; command?: string[]}>;
	/** Set when the requested phase is locked, saying why. */
	locked?: string;
	/** Refusals (e.g. a check needing an input not entered yet), per step. */
	refused: Array<{stepId: string; reason: string; command?: string[]}>;
	/** Steps whose `when:` is false for this session, skipped with the reason. */
	notApplicable: Array<{stepId: string; title: string; reason: string}>;
};

type RunFlags = RunOptions & {yes: boolean};

/**
Runs a phase, one step, or everything runnable from the first incomplete phase. Check steps run
in parallel (bounded); commands run one at a time; steps that need a person are reported as waiting.
*/
export async function runSteps(controller: SessionController, target: RunTarget, flags: RunFlags): Promise<RunReport> {
	const report: RunReport = {ran: [], waiting: [], refused: [], notApplicable: []};
	const {runbook} = controller.loaded;

	if (target.stepId) {
		const location = locateStep(runbook, target.stepId);
		if (!location) {
			throw new EngineRefusal(unknownStepText(runbook, target.stepId));
		}

		const gate = phaseGate(runbook, controller.session, location.phaseIndex);
		if (!gate.open) {
			return {...report, locked: `${location.phase.title} is ${describeLock(gate.blockers)}`};
		}

		const verdict = applicability(controller.session, location.phase, location.step);
		if (!verdict.applies) {
			report.notApplicable.push({stepId: location.step.id, title: location.step.title, reason: verdict.reason});
			return report;
		}

		await runBatch(controller, [location.step], flags, report);
		controller.advance();
		return report;
	}

	const phases = target.phaseId ? [runbook.phases.findIndex(phase => phase.id === target.phaseId)] : runbook.phases.map((_, index) => index);
	if (phases[0] === -1) {
		throw new EngineRefusal(`unknown phase "${target.phaseId}"; phases: ${runbook.phases.map(phase => phase.id).join(', ')}`);
	}

	if (!target.phaseId) {
		// Results that must re-run reopen the work: they come first, sealed phases included.
		await rerunStale(controller, flags, report);
		if (target.stale || flags.signal.aborted) {
			controller.advance();
			return report;
		}
	}

	for (const phaseIndex of phases) {
		const phase = runbook.phases[phaseIndex]!;
		if (!target.phaseId && isPhaseComplete(controller.session, phase) && phase.steps.every(step => !applies(controller.session, phase, step) || isSatisfied(controller.session.steps[step.id]))) {
			continue;
		}

		if (!target.phaseId && isPhaseSealed(runbook, controller.session, phaseIndex)) {
			// Work has moved on (the DVM may be gone): re-run a sealed phase only when asked by name.
			continue;
		}

		const gate = phaseGate(runbook, controller.session, phaseIndex);
		if (!gate.open) {
			report.locked = `${phase.title} is ${describeLock(gate.blockers)}`;
			break;
		}

		await runPhase(controller, phase, flags, report, Boolean(target.phaseId));
		if (flags.signal.aborted || !isPhaseComplete(controller.session, phase) || target.phaseId) {
			break;
		}
	}

	controller.advance();
	return report;
}

/** Re-runs every stale check and command, phase by phase in runbook order, while the phase's gate is open. */
async function rerunStale(controller: SessionController, flags: RunFlags, report: RunReport): Promise<void> {
	const {runbook} = controller.loaded;
	for (const [phaseIndex, phase] of runbook.phases.entries()) {
		const stale = staleSteps(controller.session, phase).filter(step => step.kind === 'check' || step.kind === 'command');
		if (stale.length === 0) {
			continue;
		}

		const gate = phaseGate(runbook, controller.session, phaseIndex);
		if (!gate.open || flags.signal.aborted) {
			return;
		}

		await runBatch(controller, stale.filter(step => step.kind === 'check'), flags, report);
		for (const step of stale.filter(step => step.kind === 'command')) {
			if (flags.signal.aborted) {
				return;
			}

			await runBatch(controller, [step], flags, report);
		}
	}
}

async function runPhase(controller: SessionController, phase: Phase, flags: RunFlags, report: RunReport, rerun: boolean): Promise<void> {
	// Consecutive check steps form one parallel batch; anything else runs on its own, in order.
	let batch: Step[] = [];
	const flush = async () => {
		await runBatch(controller, batch, flags, report);
		batch = [];
	};

	// A stale result re-run first in this same run is not run twice, whatever it showed.
	const ranAlready = new Set(report.ran.map(item => item.stepId));
	for (const step of phase.steps) {
		if (flags.signal.aborted) {
			return;
		}

		if (ranAlready.has(step.id)) {
			continue;
		}

		const verdict = applicability(controller.session, phase, step);
		if (!verdict.applies) {
			// Its condition is false for this session: nothing to run or wait for, and the report says why.
			report.notApplicable.push({stepId: step.id, title: step.title, reason: verdict.reason});
			continue;
		}

		const satisfied = isSatisfied(controller.session.steps[step.id]);
		if (step.kind === 'check' && (rerun || !satisfied)) {
			batch.push(step);
			continue;
		}

		await flush();
		if (!satisfied || (rerun && step.kind === 'command')) {
			await runBatch(controller, [step], flags, report);
		}
	}

	await flush();
}

async function runBatch(controller: SessionController, steps: Step[], flags: RunFlags, report: RunReport): Promise<void> {
	await mapLimit(steps, flags.concurrency, async step => {
		try {
			await runOne(controller, step, flags, report);
		} catch (error) {
			if (error instanceof EngineRefusal) {
				report.refused.push({stepId: step.id, reason: error.message, ...(error.command ? {command: [...error.command]} : {})});
				return;
			}

			throw error;
		}
	});
}

async function runOne(controller: SessionController, step: Step, flags: RunFlags, report: RunReport): Promise<void> {
	// A run that ends with the signal aborted was cancelled (runCheckStep and runCommandStep record step.cancelled then).
	const record = () => ({stepId: step.id, state: controller.session.steps[step.id]?.state ?? 'pending', blocking: step.blocking, ...(flags.signal.aborted && step.kind !== 'instruction' ? {cancelled: true as const} : {})});
	switch (step.kind) {
		case 'check': {
			await runCheckStep(controller, step, flags);
			report.ran.push(record());
			return;
		}

		case 'command': {
			await runCommandStep(controller, step, flags);
			report.ran.push(record());
			return;
		}

		case 'instruction': {
			if (flags.yes) {
				controller.dispatch({type: 'step.acknowledged', stepId: step.id});
				report.ran.push(record());
			} else {
				report.waiting.push({stepId: step.id, title: sessionStep(controller.session, step).title, reason: 'read and acknowledge (run with --yes to acknowledge instructions)', command: ['run', '--step', step.id, '--yes']});
			}

			return;
		}

		case 'input': {
			if (!controller.session.inputs[step.name]) {
				report.waiting.push({stepId: step.id, title: sessionStep(controller.session, step).title, reason: 'enter a value', command: ['set', `${step.name}=${step.example ?? 'VALUE'}`]});
			}

			return;
		}

		case 'confirm': {
			report.waiting.push({stepId: step.id, title: sessionStep(controller.session, step).title, reason: `attest "${sessionStep(controller.session, step).attestation}"`, command: ['confirm', step.id]});
		}
	}
}
