import {createContext, useContext} from 'react';
import type {Tone} from '../view/step-summary.js';

/** Whether colour may be used. Off under NO_COLOR: marks and words carry the meaning anyway. */
export const ThemeContext = createContext<{color: boolean}>({color: true});

const palette: Record<Tone, string | undefined> = {
	good: 'green',
	bad: 'red',
	caution: 'yellow',
	busy: 'cyan',
	muted: 'gray',
	plain: undefined,
};

/** The colour for a tone, or undefined when colour is off. */
export function useToneColor(): (tone: Tone | undefined) => string | undefined {
	const {color} = useContext(ThemeContext);
	return tone => (color && tone ? palette[tone] : undefined);
}
