import {Box} from 'ink';
import {recordsHeight} from '../state/records.js';
import type {Route, UiState} from '../state/ui-state.js';
import {recordsLines, recordsTabBar} from '../view/records-lines.js';
import {clampScroll} from '../view/window-lines.js';
import Line from './Line.js';
import Lines from './Lines.js';

type Props = {state: UiState; route: Extract<Route, {screen: 'records'}>};

/** The session's records: the journal (newest last), the diff between runs, the report commands. */
export default function RecordsScreen({state, route}: Props) {
	const lines = recordsLines(state, route.tab);
	const height = recordsHeight(state.size.rows);
	return (
		<Box flexDirection="column">
			<Line bold>{recordsTabBar(route.tab)}</Line>
			<Lines lines={lines} height={height} scroll={clampScroll(route.scroll, lines.length, height)} />
		</Box>
	);
}
