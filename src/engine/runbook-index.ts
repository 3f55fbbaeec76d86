import type {InputStep, Phase, Runbook, Step} from '../runbook/schema.js';
import {didYouMean} from '../runbook/suggest.js';

export type StepLocation = {phase: Phase; phaseIndex: number; step: Step; stepIndex: number};

/** Finds a step and its phase by id, or undefined. */
export function locateStep(runbook: Runbook, stepId: string): StepLocation | undefined {
	for (const [phaseIndex, phase] of runbook.phases.entries()) {
		const stepIndex = phase.steps.findIndex(step => step.id === stepId);
		if (stepIndex !== -1) {
			return {phase, phaseIndex, step: phase.steps[stepIndex]!, stepIndex};
		}
	}

	return undefined;
}

/** `unknown step "x" (did you mean "y"?)`: the words for a step id that is not in the runbook. */
export function unknownStepText(runbook: Runbook, stepId: string): string {
	return `unknown step "${stepId}"${didYouMean(stepId, allSteps(runbook).map(step => step.id))}`;
}

/** Every input step, keyed by input name. */
export function inputSteps(runbook: Runbook): Map<string, {step: InputStep; phase: Phase}> {
	const inputs = new Map<string, {step: InputStep; phase: Phase}>();
	for (const phase of runbook.phases) {
		for (const step of phase.steps) {
			if (step.kind === 'input') {
				inputs.set(step.name, {step, phase});
			}
		}
	}

	return inputs;
}

/** All steps in runbook order. */
export function allSteps(runbook: Runbook): Step[] {
	return runbook.phases.flatMap(phase => phase.steps);
}
