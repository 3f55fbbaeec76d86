import {locateStep} from '../../engine/runbook-index.js';
import {topRoute} from '../state/navigation.js';
import type {UiState} from '../state/ui-state.js';

const always = '? help · q quit';

function stepKeys(state: UiState, stepId: string): string {
	const route = topRoute(state);
	const step = locateStep(state.runbook, stepId)?.step;
	const editor = route.screen === 'step' ? route.editor : undefined;
	if (editor?.kind === 'text') {
		return 'type the value · Enter save · Esc back · Ctrl+C quit';
	}

	if (editor?.kind === 'list' && editor.editing) {
		return 'type · Enter keep item · Esc cancel item · Ctrl+C quit';
	}

	const kind: Record<string, string> = {
		instruction: 'Enter acknowledge',
		confirm: 'c attest',
		check: 'r run · d details · o override · w watch',
		command: 'r run · d details · o override',
		input: editor?.kind === 'list' ? 'a add · e edit · d delete · s save' : editor?.kind === 'menu' ? '↑↓ Enter choose' : 'u unfreeze',
	};
	return `${kind[step?.kind ?? 'instruction'] ?? ''} · R run phase · n/p next/prev · Esc back · ${always}`;
}

/** The keys that work right now, for the footer. */
export function footerKeys(state: UiState): string {
	if (state.quitting) {
		return 'quitting: stopping checks, saving…';
	}

	const {dialog} = state;
	if (dialog) {
		return dialog.kind === 'attest' ? 'y attest · Esc cancel' : dialog.kind === 'not-overridable' ? 'Enter or Esc close' : 'type the reason · Enter submit · Esc cancel';
	}

	const route = topRoute(state);
	const stop = state.run?.running ? ' · s stop' : '';
	switch (route.screen) {
		case 'start': {
			return state.start.mode === 'name' ? 'type a name · Enter start · Esc back · Ctrl+C quit' : `↑↓ Enter choose · ${always}`;
		}

		case 'findings': {
			return 'Enter continue · q quit';
		}

		case 'overview': {
			return `↑↓ choose · Enter open · r run phase · g go to current step · ${always}`;
		}

		case 'phase': {
			return `↑↓ Enter open · r run · R run phase · d details · o override · w watch${stop} · Esc back · ${always}`;
		}

		case 'step': {
			return stepKeys(state, route.stepId);
		}

		case 'details': {
			return `↑↓ PgUp PgDn scroll · r re-run · o override · w watch${stop} · Esc back · ${always}`;
		}

		case 'watch': {
			return `r run now · s stop · Esc back · ${always}`;
		}

		case 'help': {
			return `↑↓ scroll · Esc back · q quit`;
		}
	}
}
