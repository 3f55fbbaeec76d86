import {useInput, useStdin, type Key} from 'ink';
import {useCallback, type Dispatch} from 'react';
import {keysFrom} from '../state/keys.js';
import type {UiAction} from '../state/ui-actions.js';

/**
Sends every key, stamped with the time (attestations show it), to the reducer. The handler only dispatches, so it has no state to go stale when
keys arrive faster than renders. Raw mode only where the terminal supports it: isRawModeSupported
is undefined (not false) on a pipe, hence the strict comparison.
*/
export function useKeyInput(dispatch: Dispatch<UiAction>, now: () => number): void {
	const {isRawModeSupported} = useStdin();
	const handler = useCallback((input: string, key: Key) => {
		for (const press of keysFrom(input, key)) {
			dispatch({type: 'key', key: press, now: now()});
		}
	}, [dispatch, now]);
	useInput(handler, {isActive: isRawModeSupported === true});
}
