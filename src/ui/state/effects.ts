import type {EffectInput, UiState} from './ui-state.js';

/** Queues work for the effect runner; ids keep each effect running exactly once. */
export function withEffect(state: UiState, effect: EffectInput): UiState {
	return {...state, effects: [...state.effects, {...effect, id: state.nextId} as UiState['effects'][number]], nextId: state.nextId + 1};
}

/** Shows a one-line message above the footer until the next key. */
export function withNotice(state: UiState, tone: 'info' | 'error', text: string): UiState {
	return {...state, notice: {tone, text}};
}
