import {networkMapOfSession} from '../../reports/network-map.js';
import type {Route, UiState} from '../state/ui-state.js';
import {bodyHeight} from '../view/layout.js';
import {networkLines} from '../view/network-lines.js';
import {clampScroll} from '../view/window-lines.js';
import Lines from './Lines.js';

type Props = {state: UiState; route: Extract<Route, {screen: 'network'}>};

/** The deployment network: every path with its latest verdict, where it dies and who fixes it (the HTML report's picture). */
export default function NetworkScreen({state, route}: Props) {
	if (!state.session) {
		return null;
	}

	const lines = networkLines(networkMapOfSession(state.runbook, state.session), state.size.columns);
	const height = bodyHeight(state.size.rows);
	return <Lines lines={lines} height={height} scroll={clampScroll(route.scroll, lines.length, height)} />;
}
