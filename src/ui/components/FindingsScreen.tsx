import {Box} from 'ink';
import type {UiState} from '../state/ui-state.js';
import {findingsLines} from '../view/findings-lines.js';
import {bodyHeight} from '../view/layout.js';
import Line from './Line.js';
import Lines from './Lines.js';

/** Before continuing a resumed session: what changed while it was closed. */
export default function FindingsScreen({state}: {state: UiState}) {
	const lines = findingsLines(state);
	const height = bodyHeight(state.size.rows) - 1;
	return (
		<Box flexDirection="column">
			<Line bold>{`Resuming ${state.session?.name ?? ''}: found on opening`}</Line>
			<Lines lines={lines} height={height} scroll={0} />
		</Box>
	);
}
