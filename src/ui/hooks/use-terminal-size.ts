import {useStdout} from 'ink';
import {useEffect, type Dispatch} from 'react';
import type {UiAction} from '../state/ui-actions.js';

/** The terminal's size; 80×24 when the stream does not say (tests, pipes). */
export function terminalSize(stream: {columns?: number; rows?: number}): {columns: number; rows: number} {
	return {columns: stream.columns || 80, rows: stream.rows || 24};
}

/** Follows terminal resizes, unless the size is fixed (tests). */
export function useTerminalSize(dispatch: Dispatch<UiAction>, fixed: boolean): void {
	const {stdout} = useStdout();
	useEffect(() => {
		if (fixed) {
			return;
		}

		const onResize = () => dispatch({type: 'resize', size: terminalSize(stdout)});
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [dispatch, fixed, stdout]);
}
