import {useApp} from 'ink';
import {useCallback, useEffect, useReducer} from 'react';
import {useEffectRunner} from '../hooks/use-effect-runner.js';
import {useKeyInput} from '../hooks/use-key-input.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {useTicker} from '../hooks/use-ticker.js';
import {useWakeAt} from '../hooks/use-wake-at.js';
import {uiReducer} from '../state/ui-reducer.js';
import type {UiState} from '../state/ui-state.js';
import type {TuiServices} from '../tui-services.js';
import Frame from './Frame.js';
import {ThemeContext} from './Theme.js';

type Props = {
	initial: UiState;
	services: TuiServices;
	/** False under NO_COLOR. */
	color?: boolean;
	/** A fixed size (tests); otherwise the terminal's, following resizes. */
	fixedSize?: boolean;
};

/** Something on screen moves: spinners, elapsed times, a watch countdown. */
function isMoving(state: UiState): boolean {
	return Boolean(state.run?.running || state.collect?.run?.running || state.watch?.status === 'waiting' || state.watch?.status === 'running' || state.quitting);
}

/**
The runbook TUI: one reducer holds the UI state, the effect runner talks to the engine, and the
screens only render. Exits (from an effect, after the last frame) once quitting has settled.
*/
export default function App({initial, services, color = true, fixedSize = false}: Props) {
	const [state, dispatch] = useReducer(uiReducer, initial);
	const {exit} = useApp();
	useKeyInput(dispatch, services.now);
	useTerminalSize(dispatch, fixedSize);
	useTicker(isMoving(state), dispatch, services.now);
	useWakeAt(state.watch?.status === 'waiting' ? state.watch.nextAt : undefined, dispatch, services.now);
	useEffectRunner(state.effects, dispatch, services);
	useEffect(() => {
		if (state.exit) {
			exit();
		}
	}, [state.exit, exit]);
	const onChoose = useCallback((menu: 'start' | 'enum', value: string) => dispatch({type: 'menu.select', menu, value}), []);
	return (
		<ThemeContext.Provider value={{color}}>
			<Frame state={state} onChoose={onChoose} />
		</ThemeContext.Provider>
	);
}
