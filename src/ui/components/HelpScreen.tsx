import type {Route, UiState} from '../state/ui-state.js';
import {helpLines} from '../view/help-lines.js';
import {bodyHeight} from '../view/layout.js';
import {clampScroll} from '../view/window-lines.js';
import Lines from './Lines.js';

type Props = {state: UiState; route: Extract<Route, {screen: 'help'}>};

/** Every key, by where it works. */
export default function HelpScreen({state, route}: Props) {
	const lines = helpLines(Boolean(state.session?.training));
	const height = bodyHeight(state.size.rows);
	return <Lines lines={lines} height={height} scroll={clampScroll(route.scroll, lines.length, height)} />;
}
