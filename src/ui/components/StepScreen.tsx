import {Box} from 'ink';
import {sessionStep} from '../../engine/applicability.js';
import {locateStep} from '../../engine/runbook-index.js';
import type {Route, UiState} from '../state/ui-state.js';
import {stepHeading, stepLines} from '../view/step-lines.js';
import {stepTextHeight} from '../view/step-layout.js';
import {trainingHintsHeight, trainingHintsView} from '../view/training-hints-view.js';
import {clampScroll} from '../view/window-lines.js';
import InputEditor from './InputEditor.js';
import Line from './Line.js';
import Lines from './Lines.js';
import TrainingHints from './TrainingHints.js';

type Props = {state: UiState; route: Extract<Route, {screen: 'step'}>; onChoose: (value: string) => void};

/** One step: its title, state, what to do and why, what to do on failure, a training session's hints, and its editor for inputs. */
export default function StepScreen({state, route, onChoose}: Props) {
	const location = locateStep(state.runbook, route.stepId);
	if (!location || !state.session) {
		return null;
	}

	const {step} = location;
	const width = state.size.columns;
	const lines = stepLines(step, state.session, width, state.runbook, state.now);
	const hints = trainingHintsView(state, step);
	const height = stepTextHeight(state.size.rows, route.editor, step, trainingHintsHeight(hints, width));
	return (
		<Box flexDirection="column">
			<Line bold>{stepHeading(sessionStep(state.session, step))}</Line>
			<Box flexDirection="column" height={height}>
				<Lines lines={lines} height={height} scroll={clampScroll(route.scroll, lines.length, height)} />
			</Box>
			{hints && (
				<Box flexDirection="column" marginTop={1}>
					<TrainingHints shown={hints.shown} total={hints.total} width={width} more="press h" />
				</Box>
			)}
			{route.editor && step.kind === 'input' && (
				<Box flexDirection="column" marginTop={1}>
					<InputEditor step={step} editor={route.editor} session={state.session} width={width} onChoose={onChoose} />
				</Box>
			)}
		</Box>
	);
}
