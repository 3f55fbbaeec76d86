import {useEffect, type Dispatch} from 'react';
import type {UiAction} from '../state/ui-actions.js';

/** Ticks while something moves (spinners, elapsed times, a watch countdown); idle screens stay still. */
export function useTicker(active: boolean, dispatch: Dispatch<UiAction>, now: () => number, intervalMs = 100): void {
	useEffect(() => {
		if (!active) {
			return;
		}

		dispatch({type: 'tick', now: now()});
		const timer = setInterval(() => dispatch({type: 'tick', now: now()}), intervalMs);
		return () => clearInterval(timer);
	}, [active, dispatch, now, intervalMs]);
}
