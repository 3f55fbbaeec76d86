import type {Runbook} from '../../runbook/schema.js';
import {openNamed} from './start-keys.js';
import {textBuffer} from './text-field.js';
import type {SessionChoice, UiState, WatchConfig} from './ui-state.js';

/** The default watch: 5 s, 10 s, 20 s, 40 s, then every 60 s, at most 20 runs (about 17 min). */
export const defaultWatchConfig: WatchConfig = {baseMs: 5000, capMs: 60_000, maxAttempts: 20};

export type InitialOptions = {
	runbook: Runbook;
	operator: string;
	now: number;
	size: {columns: number; rows: number};
	/** Saved sessions of this runbook, most recent first. */
	sessions: SessionChoice[];
	/** The `--session` name. */
	preferred: string;
	/** --session was given: open (or create) it at once instead of showing the start menu. */
	openPreferred?: boolean;
	watchConfig?: WatchConfig;
};

/**
The start screen: with saved sessions, a menu whose first entry resumes the `--session` one (or the
most recent); without any, the name field, filled with the `--session` name. With --session
given, that session opens directly.
*/
export function initialUiState(options: InitialOptions): UiState {
	const start = startState(options);
	// If opening fails (locked, damaged), the start screen shows why, with the menu to pick another.
	return options.openPreferred ? openNamed(start, options.preferred, true) : start;
}

function startState(options: InitialOptions): UiState {
	const usable = options.sessions.filter(session => !session.problem);
	const resumeName = usable.some(session => session.name === options.preferred) ? options.preferred : usable[0]?.name;
	const taken = options.sessions.some(session => session.name === options.preferred);
	return {
		runbook: options.runbook,
		operator: options.operator,
		now: options.now,
		size: options.size,
		start: {
			mode: options.sessions.length > 0 ? 'menu' : 'name',
			sessions: options.sessions,
			...(resumeName ? {resumeName} : {}),
			name: textBuffer(taken ? '' : options.preferred),
			opening: false,
		},
		routes: [{screen: 'start'}],
		probes: {},
		watchConfig: options.watchConfig ?? defaultWatchConfig,
		effects: [],
		nextId: 1,
		quitting: false,
		exit: false,
	};
}
