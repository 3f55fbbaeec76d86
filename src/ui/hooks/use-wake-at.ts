import {useEffect, type Dispatch} from 'react';
import type {UiAction} from '../state/ui-actions.js';

/**
Ticks once at `at` (epoch ms): a watch's next run starts when its back-off ends, not on the next
100 ms tick after it (the countdown display still follows the ticker).
*/
export function useWakeAt(at: number | undefined, dispatch: Dispatch<UiAction>, now: () => number): void {
	useEffect(() => {
		if (at === undefined) {
			return;
		}

		const timer = setTimeout(() => dispatch({type: 'tick', now: Math.max(at, now())}), Math.max(0, at - now()));
		return () => clearTimeout(timer);
	}, [at, dispatch, now]);
}
