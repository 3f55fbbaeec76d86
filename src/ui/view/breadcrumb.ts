import {locateStep} from '../../engine/runbook-index.js';
import {topRoute} from '../state/navigation.js';
import type {UiState} from '../state/ui-state.js';

/** Where the operator is: "Phase 5/10 DVM egress › Step 3/15 NTP server". */
export function breadcrumb(state: UiState): string {
	const route = topRoute(state);
	const phases = state.runbook.phases.length;
	const stepPlace = (stepId: string) => {
		const location = locateStep(state.runbook, stepId);
		return location
			? `Phase ${location.phaseIndex + 1}/${phases} ${location.phase.title} › Step ${location.stepIndex + 1}/${location.phase.steps.length} ${location.step.title}`
			: stepId;
	};

	switch (route.screen) {
		case 'start': {
			return 'Start';
		}

		case 'findings': {
			return 'Resume';
		}

		case 'overview': {
			return 'Phase overview';
		}

		case 'phase': {
			const index = state.runbook.phases.findIndex(phase => phase.id === route.phaseId);
			return `Phase ${index + 1}/${phases} ${state.runbook.phases[index]?.title ?? ''}`;
		}

		case 'step': {
			return stepPlace(route.stepId);
		}

		case 'details': {
			return `${stepPlace(route.stepId)} › details`;
		}

		case 'watch': {
			return `${stepPlace(route.stepId)} › watch`;
		}

		case 'help': {
			return 'Help';
		}

		case 'records': {
			return 'Phase overview › records';
		}

		case 'network': {
			return 'Phase overview › network';
		}

		case 'collect': {
			return 'Phase overview › collect';
		}
	}
}
