import {Box} from 'ink';
import {sessionStep} from '../../engine/applicability.js';
import {locateStep} from '../../engine/runbook-index.js';
import type {Route, UiState} from '../state/ui-state.js';
import {detailLines} from '../view/detail-lines.js';
import {bodyHeight} from '../view/layout.js';
import {clampScroll} from '../view/window-lines.js';
import Line from './Line.js';
import Lines from './Lines.js';

type Props = {state: UiState; route: Extract<Route, {screen: 'details'}>};

/** A result in full: summary, where it ran, the remediation (plain, copyable) and the evidence. */
export default function DetailsScreen({state, route}: Props) {
	const found = locateStep(state.runbook, route.stepId)?.step;
	if (!found || !state.session) {
		return null;
	}

	const step = sessionStep(state.session, found);
	const lines = detailLines(step, state.session, state.size.columns, state.runbook);
	const height = bodyHeight(state.size.rows) - 1;
	return (
		<Box flexDirection="column">
			<Line bold>{`Details: ${step.title} (${step.id})`}</Line>
			<Lines lines={lines} height={height} scroll={clampScroll(route.scroll, lines.length, height)} />
		</Box>
	);
}
