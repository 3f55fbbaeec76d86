import {Box} from 'ink';
import type {UiState} from '../state/ui-state.js';
import {breadcrumb} from '../view/breadcrumb.js';
import {footerKeys} from '../view/footer-keys.js';
import {bodyHeight, noticeLines} from '../view/layout.js';
import {truncate, wrapText} from '../view/wrap-text.js';
import Header from './Header.js';
import Line from './Line.js';
import Screen from './Screen.js';
import {marks} from '../glyphs.js';

type Props = {state: UiState; onChoose: (menu: 'start' | 'enum', value: string) => void};

/** The notice as at most two lines, the second cut with "…" if it is longer still. */
function noticeText(state: UiState): string[] {
	if (!state.notice) {
		return [];
	}

	const width = state.size.columns;
	const lines = wrapText(`${state.notice.tone === 'error' ? marks.fail : '·'} ${state.notice.text}`, width);
	return lines.length <= noticeLines ? lines : [...lines.slice(0, noticeLines - 1), truncate(lines.slice(noticeLines - 1).join(' '), width)];
}

/**
The whole screen: header, where you are, the body (exactly its height, so nothing below moves and
the frame stays one line shorter than the terminal), a notice line and the keys.
*/
export default function Frame({state, onChoose}: Props) {
	return (
		<Box flexDirection="column" width={state.size.columns}>
			<Header session={state.session} title={state.runbook.title} />
			<Line dim>{breadcrumb(state)}</Line>
			<Box flexDirection="column" height={bodyHeight(state.size.rows)} overflow="hidden">
				<Screen state={state} onChoose={onChoose} />
			</Box>
			<Box flexDirection="column" height={noticeLines}>
				{noticeText(state).map((line, index) => (
					<Line key={index} tone={state.notice?.tone === 'error' ? 'bad' : 'good'}>{line}</Line>
				))}
			</Box>
			<Line dim>{footerKeys(state)}</Line>
		</Box>
	);
}
