import {Box} from 'ink';
import type {StyledLine} from '../view/layout.js';
import {windowLines} from '../view/window-lines.js';
import Line from './Line.js';

type Props = {lines: StyledLine[]; height: number; scroll: number};

/** A scrolled window of styled lines, with "↑ n more" and "↓ n more" where lines are hidden. */
export default function Lines({lines, height, scroll}: Props) {
	const view = windowLines(lines, height, scroll, scroll);
	return (
		<Box flexDirection="column">
			{view.hiddenAbove > 0 && <Line dim>{`↑ ${view.hiddenAbove} more (PgUp)`}</Line>}
			{view.items.map((line, index) => (
				<Line key={line.key ?? `${view.start + index}`} tone={line.tone} bold={line.bold}>
					{line.text || ' '}
				</Line>
			))}
			{view.hiddenBelow > 0 && <Line dim>{`↓ ${view.hiddenBelow} more (PgDn)`}</Line>}
		</Box>
	);
}
