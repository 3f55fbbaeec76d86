import {locateStep} from '../../engine/runbook-index.js';
import {topRoute} from '../state/navigation.js';
import type {UiState} from '../state/ui-state.js';
import {displayWidth} from './wrap-text.js';

function stepHints(state: UiState, stepId: string): string[] {
	const route = topRoute(state);
	const step = locateStep(state.runbook, stepId)?.step;
	const editor = route.screen === 'step' ? route.editor : undefined;
	if (editor?.kind === 'text') {
		return ['type the value', 'Enter save', 'Esc back', 'Ctrl+C quit'];
	}

	if (editor?.kind === 'list' && editor.editing) {
		return ['type', 'Enter keep item', 'Esc cancel item', 'Ctrl+C quit'];
	}

	const kind: Record<string, string[]> = {
		instruction: ['Enter acknowledge'],
		confirm: ['c attest'],
		check: ['r run', 'd details', 'o override', 'w watch'],
		command: ['r run', 'd details', 'o override'],
		input: editor?.kind === 'list' ? ['a add', 'e edit', 'd delete', 's save'] : editor?.kind === 'menu' ? ['↑↓ Enter choose'] : ['u unfreeze'],
	};
	const training = state.session?.training ? ['h hint', ...(step?.kind === 'check' ? ['e escalate'] : [])] : [];
	return [...(kind[step?.kind ?? 'instruction'] ?? []), ...training, 'n note', 'Esc back', ']/[ next/prev', 'R run phase', 'q quit'];
}

function hints(state: UiState): string[] {
	if (state.quitting) {
		return ['quitting: stopping checks, saving…'];
	}

	const {dialog} = state;
	if (dialog) {
		switch (dialog.kind) {
			case 'attest': {
				return ['y attest', 'Esc cancel'];
			}

			case 'not-overridable': {
				return ['Enter or Esc close'];
			}

			case 'unsaved': {
				return ['s save', 'd discard', 'Esc keep editing'];
			}

			case 'escalate': {
				return ['↑↓ team', 'type a note', 'Enter escalate', 'Esc cancel'];
			}

			default: {
				return [dialog.kind === 'note' ? 'type the note' : 'type the reason', 'Enter submit', 'Esc cancel'];
			}
		}
	}

	const route = topRoute(state);
	const stop = state.run?.running ? ['s stop'] : [];
	switch (route.screen) {
		case 'start': {
			return state.start.mode === 'name' ? ['type a name', 'Enter start', 'Esc back', 'Ctrl+C quit'] : ['↑↓ Enter choose', 'q quit'];
		}

		case 'findings': {
			return ['Enter continue', 'q quit'];
		}

		case 'overview': {
			return ['↑↓ choose', 'Enter open', 'r run phase', 'g current step', 'l records', 'm network', 'c collect', 'q quit'];
		}

		case 'phase': {
			return [...stop, 'Enter open', 'r run', 'R run all', 'd details', 'o override', 'w watch', 'n note', 'Esc back', 'q quit'];
		}

		case 'step': {
			return [...stop, ...stepHints(state, route.stepId)];
		}

		case 'details': {
			return [...stop, '↑↓ scroll', 'r re-run', 'o override', 'w watch', 'Esc back', 'q quit'];
		}

		case 'watch': {
			// Run now and stop only while watching; once fixed, given up or stopped, only the way out.
			const watching = state.watch?.status === 'waiting' || state.watch?.status === 'running';
			return [...(watching ? ['r run now', 's stop'] : []), 'Esc back', 'q quit'];
		}

		case 'help': {
			return ['↑↓ scroll', 'Esc back', 'q quit'];
		}

		case 'records': {
			return ['1 journal', '2 diff', '3 reports', '↑↓ scroll', 'r re-read', 'Esc back', 'q quit'];
		}

		case 'network': {
			return ['↑↓ scroll', 'Esc back', 'q quit'];
		}

		case 'collect': {
			if (route.adding) {
				return ['type user@address', 'Enter keep', 'Esc cancel', 'Ctrl+C quit'];
			}

			return state.collect?.run?.running ? ['s, Esc or Ctrl+C stop', 'q quit'] : ['↑↓ choose', 'a add host', 'Enter collect', 'c collect all', 'Esc back', 'q quit'];
		}
	}
}

/**
The keys that work right now, most useful first, as many as fit the width; "? help" (which lists
them all) always ends the line, except while typing, where ? is a character.
*/
export function footerKeys(state: UiState): string {
	const all = hints(state);
	const typing = all.some(hint => hint.startsWith('type')) || all[0]?.startsWith('quitting') === true;
	const tail = typing ? [] : ['? help'];
	const taken: string[] = [];
	for (const hint of all) {
		if (displayWidth([...taken, hint, ...tail].join(' · ')) <= state.size.columns) {
			taken.push(hint);
		}
	}

	return [...taken, ...tail].join(' · ');
}
