import {Box} from 'ink';
import {sessionNameProblem} from '../state/session-name.js';
import type {UiState} from '../state/ui-state.js';
import {bodyHeight} from '../view/layout.js';
import {resumeLabel, startMenu} from '../view/start-view.js';
import {wrapText} from '../view/wrap-text.js';
import Line from './Line.js';
import Menu from './Menu.js';
import TextField from './TextField.js';
import {marks} from '../glyphs.js';

type Props = {state: UiState; onChoose: (value: string) => void};

/** Resume a saved session, start a named new one, or pick another; a refusal (lock held) shows here. */
export default function StartScreen({state, onChoose}: Props) {
	const {start, size, now} = state;
	const error = start.error ? wrapText(start.error, size.columns - 2).slice(0, 4) : [];
	const room = Math.max(3, bodyHeight(size.rows) - 3 - error.length);
	let body;
	if (start.mode === 'name') {
		const problem = start.name.value.length > 0 ? sessionNameProblem(start.name.value.trim(), start.sessions) : undefined;
		body = (
			<Box flexDirection="column">
				<Line bold>New session name (site or rack; Enter starts, Esc goes back):</Line>
				<TextField buffer={start.name} width={size.columns} placeholder="e.g. contoso-rack1" />
				{start.name.value.length === 0 ? <Line> </Line> : problem ? wrapText(`${marks.fail} ${problem}`, size.columns).slice(0, 3).map((line, index) => <Line key={index} tone="bad">{line}</Line>) : <Line tone="good">{`${marks.ok} valid name`}</Line>}
			</Box>
		);
	} else if (start.mode === 'pick') {
		body = (
			<Box flexDirection="column">
				<Line bold>Saved sessions (Enter opens, Esc goes back):</Line>
				<Menu key="pick" items={start.sessions.map(session => ({label: resumeLabel(session, now), value: `session:${session.name}`}))} onSelect={onChoose} limit={room} />
			</Box>
		);
	} else {
		body = (
			<Box flexDirection="column">
				<Line bold>What now?</Line>
				<Menu key="start" items={startMenu(start, now)} onSelect={onChoose} />
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Line>{state.runbook.title}</Line>
			<Line dim>{`Operator: ${state.operator}`}</Line>
			{start.opening ? <Line tone="busy">Opening…</Line> : body}
			{error.map((line, index) => (
				<Line key={index} tone="bad">{`${index === 0 ? `${marks.fail} ` : '  '}${line}`}</Line>
			))}
		</Box>
	);
}
