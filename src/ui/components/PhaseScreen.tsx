import {Box} from 'ink';
import {Text} from './SafeText.js';
import {vantageLabels} from '../../engine/place.js';
import type {Route, UiState} from '../state/ui-state.js';
import {bodyHeight} from '../view/layout.js';
import {phaseLines, type PhaseLine} from '../view/phase-lines.js';
import {windowLines} from '../view/window-lines.js';
import Line from './Line.js';
import {useToneColor} from './Theme.js';

type Props = {state: UiState; route: Extract<Route, {screen: 'phase'}>};

function Row({line, selected}: {line: PhaseLine; selected: boolean}) {
	const color = useToneColor();
	if (line.kind === 'probe') {
		return (
			<Text wrap="truncate-end">
				{'      '}
				<Text color={color(line.tone)}>{`${line.mark} ${line.word}`}</Text>
				{`  ${line.text}`}
			</Text>
		);
	}

	return (
		<Text wrap="truncate-end" bold={selected}>
			{selected ? '› ' : '  '}
			<Text color={color(line.tone)}>{`${line.mark} ${line.word.padEnd(10)}`}</Text>
			{` ${line.title}${line.detail !== line.title ? ` — ${line.detail}` : ''}`}
		</Text>
	);
}

/**
A phase's steps, one row each with mark, word and detail; while checks run, each probe gets a row
with a spinner and its elapsed time, then its result. After a run, what waits for the operator.
*/
export default function PhaseScreen({state, route}: Props) {
	const phase = state.runbook.phases.find(candidate => candidate.id === route.phaseId);
	if (!phase || !state.session) {
		return null;
	}

	const {lines, stepLine} = phaseLines(phase, state.session, state.probes, state.now);
	const outcome = state.run && !state.run.running && (state.run.target.phaseId === phase.id) ? (state.run.outcome ?? []).slice(0, 3) : [];
	const height = bodyHeight(state.size.rows) - 1 - (outcome.length > 0 ? outcome.length + 1 : 0);
	const view = windowLines(lines, height, stepLine[route.selected] ?? 0);
	return (
		<Box flexDirection="column">
			<Line bold>{`${phase.title}${phase.vantage ? ` — run from ${vantageLabels[phase.vantage]}` : ''}`}</Line>
			<Box flexDirection="column" height={height}>
				{view.hiddenAbove > 0 && <Line dim>{`↑ ${view.hiddenAbove} more`}</Line>}
				{view.items.map((line, index) => (
					<Row key={view.start + index} line={line} selected={line.kind === 'step' && line.stepIndex === route.selected} />
				))}
				{view.hiddenBelow > 0 && <Line dim>{`↓ ${view.hiddenBelow} more`}</Line>}
			</Box>
			{outcome.length > 0 && (
				<Box flexDirection="column" marginTop={1}>
					{outcome.map((text, index) => (
						<Line key={index} tone="caution">{`· ${text}`}</Line>
					))}
				</Box>
			)}
		</Box>
	);
}
