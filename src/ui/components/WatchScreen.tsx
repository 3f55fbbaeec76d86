import {Box} from 'ink';
import type {UiState} from '../state/ui-state.js';
import {bodyHeight} from '../view/layout.js';
import {probeLine} from '../view/phase-lines.js';
import {watchLines} from '../view/watch-view.js';
import {windowLines} from '../view/window-lines.js';
import Line from './Line.js';

/** A failing check re-run on a back-off: countdown, attempts, and when it got fixed. */
export default function WatchScreen({state}: {state: UiState}) {
	const {watch} = state;
	if (!watch) {
		return null;
	}

	const lines = watchLines(state);
	const probes = (state.probes[watch.stepId] ?? []).map(row => probeLine(watch.stepId, row, state.now));
	const room = bodyHeight(state.size.rows) - lines.length - 2;
	const view = windowLines(probes, room, 0);
	return (
		<Box flexDirection="column">
			<Line bold>{watch.status === 'waiting' || watch.status === 'running' ? `Watching ${watch.stepId} until it passes` : `Watched ${watch.stepId}`}</Line>
			{lines.map((line, index) => (
				<Line key={index} tone={line.tone} bold={line.bold}>{line.text || ' '}</Line>
			))}
			{view.items.map((line, index) => (
				<Line key={`p${index}`} tone={line.tone}>{`    ${line.mark} ${line.word}  ${line.kind === 'probe' ? line.text : ''}`}</Line>
			))}
			{view.hiddenBelow > 0 && <Line dim>{`    ↓ ${view.hiddenBelow} more probes`}</Line>}
		</Box>
	);
}
