import {Box} from 'ink';
import {Text} from './SafeText.js';
import type {Route, UiState} from '../state/ui-state.js';
import {bodyHeight} from '../view/layout.js';
import {overviewLines, type OverviewLine} from '../view/overview-lines.js';
import {windowLines} from '../view/window-lines.js';
import Line from './Line.js';
import {useToneColor} from './Theme.js';

type Props = {state: UiState; route: Extract<Route, {screen: 'overview'}>};

function Row({line, selected}: {line: OverviewLine; selected: boolean}) {
	const color = useToneColor();
	if (line.kind === 'reason') {
		return <Line tone="muted">{line.text}</Line>;
	}

	if (line.kind === 'vantage') {
		return <Line tone="busy">{line.text}</Line>;
	}

	return (
		<Text wrap="truncate-end" bold={selected || line.current} inverse={line.current}>
			{selected ? '› ' : '  '}
			<Text color={color(line.tone)}>{`${line.mark} ${line.word.padEnd(11)}`}</Text>
			{` ${line.title}${line.current ? ' (you are here)' : ''}  ${line.counts}`}
		</Text>
	);
}

/** All phases with mark, word and counts; the current one highlighted and named; locked ones say why. */
export default function OverviewScreen({state, route}: Props) {
	if (!state.session) {
		return null;
	}

	const {lines, phaseLine} = overviewLines(state.runbook, state.session, state.size.columns);
	const height = bodyHeight(state.size.rows) - 1;
	const view = windowLines(lines, height, phaseLine[route.selected] ?? 0);
	return (
		<Box flexDirection="column">
			<Line bold>{state.runbook.title}</Line>
			<Box flexDirection="column" height={height}>
				{view.hiddenAbove > 0 && <Line dim>{`↑ ${view.hiddenAbove} more`}</Line>}
				{view.items.map((line, index) => (
					<Row key={view.start + index} line={line} selected={line.kind === 'phase' && line.index === route.selected} />
				))}
				{view.hiddenBelow > 0 && <Line dim>{`↓ ${view.hiddenBelow} more`}</Line>}
			</Box>
		</Box>
	);
}
