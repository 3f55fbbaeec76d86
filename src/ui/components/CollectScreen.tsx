import {Box} from 'ink';
import {vantageLabels} from '../../engine/place.js';
import type {Route, UiState} from '../state/ui-state.js';
import {collectLines, collectRows} from '../view/collect-lines.js';
import {bodyHeight, lineWidth} from '../view/layout.js';
import {windowLines} from '../view/window-lines.js';
import Line from './Line.js';
import TextField from './TextField.js';
import {marks} from '../glyphs.js';

type Props = {state: UiState; route: Extract<Route, {screen: 'collect'}>};

/**
The hosts that prove the other vantages (remembered in the session, destination only), how their
last collection ended, and a progress line per host while a collection runs.
*/
export default function CollectScreen({state, route}: Props) {
	if (!state.session) {
		return null;
	}

	const width = lineWidth(state.size.columns);
	const rows = collectRows(state.runbook, state.session, state.collect);
	const {lines, rowLine} = collectLines(rows, route.selected, state.now, width);
	const {adding} = route;
	// The add field takes three lines; the intro one.
	const height = bodyHeight(state.size.rows) - 1 - (adding ? 3 : 0);
	const view = windowLines(lines, height, rowLine[route.selected] ?? 0);
	return (
		<Box flexDirection="column">
			<Line bold>Collect results from other hosts over OpenSSH (host keys verified; no secret is stored)</Line>
			<Box flexDirection="column" height={height}>
				{view.hiddenAbove > 0 && <Line dim>{`↑ ${view.hiddenAbove} more`}</Line>}
				{view.items.map((line, index) => (
					<Line key={view.start + index} tone={line.tone} bold={line.bold}>
						{line.text || ' '}
					</Line>
				))}
				{view.hiddenBelow > 0 && <Line dim>{`↓ ${view.hiddenBelow} more`}</Line>}
			</Box>
			{adding && (
				<Box flexDirection="column">
					<Line bold>{`Host for ${vantageLabels[adding.vantage]} (user@address or an ssh config alias):`}</Line>
					<TextField buffer={adding.buffer} width={width} placeholder="Administrator@10.50.1.11" />
					{adding.refused ? <Line tone="bad">{`${marks.fail} ${adding.refused}`}</Line> : <Line> </Line>}
				</Box>
			)}
		</Box>
	);
}
