import {computeDiff} from '../../reports/compute-diff.js';
import {renderDiff} from '../../reports/render-diff.js';
import {formatJournal} from '../../journal/show.js';
import type {JournalEntry} from '../../store/journal.js';
import {bodyHeight} from '../view/layout.js';
import {recordsLines, recordsTabs} from '../view/records-lines.js';
import {clampScroll} from '../view/window-lines.js';
import {withEffect} from './effects.js';
import type {KeyPress} from './keys.js';
import {pushRoute, replaceTop, topRoute} from './navigation.js';
import {scrollDelta} from './scroll.js';
import type {RecordsTab, Route, UiState} from './ui-state.js';

type RecordsRoute = Extract<Route, {screen: 'records'}>;

/** The journal opens at its end (newest last); the other tabs at their top. */
const atEnd = Number.MAX_SAFE_INTEGER;

/** The body's height on the records screen: the frame's body less the tab bar. */
export function recordsHeight(rows: number): number {
	return bodyHeight(rows) - 1;
}

function scrollFor(state: UiState, route: RecordsRoute, scroll: number): number {
	return clampScroll(scroll, recordsLines(state, route.tab).length, recordsHeight(state.size.rows));
}

/** Opens the records screen on the journal and asks the effect runner to read it. */
export function openRecords(state: UiState): UiState {
	if (!state.session) {
		return state;
	}

	const loading = {loading: true, journal: [], diff: [], command: state.records?.command ?? ''};
	return withEffect(pushRoute({...state, records: loading}, {screen: 'records', tab: 'journal', scroll: atEnd}), {type: 'read-records'});
}

/** The journal was read: its lines, the diff's lines, and the command prefix for the reports. */
export function onRecordsRead(state: UiState, entries: JournalEntry[], command: string): UiState {
	const diff = renderDiff(computeDiff(entries)).replace(/\n$/, '').split('\n');
	const next: UiState = {...state, records: {loading: false, journal: formatJournal(entries), diff, command}};
	const route = topRoute(next);
	return route.screen === 'records' ? replaceTop(next, {...route, scroll: scrollFor(next, route, route.scroll)}) : next;
}

export function onRecordsFailed(state: UiState, message: string): UiState {
	return {...state, records: {loading: false, journal: [], diff: [], command: state.records?.command ?? '', error: message}};
}

function switchTab(state: UiState, route: RecordsRoute, tab: RecordsTab): UiState {
	const next = {...route, tab};
	return replaceTop(state, {...next, scroll: scrollFor(state, next, tab === 'journal' ? atEnd : 0)});
}

/** Records keys: 1 2 3 (or Tab, ← →) switch tabs, ↑↓ PgUp PgDn scroll, Home End, r re-read. */
export function recordsKey(state: UiState, route: RecordsRoute, key: KeyPress): UiState | undefined {
	const chosen = recordsTabs.find(entry => entry.key === key.text);
	if (chosen) {
		return switchTab(state, route, chosen.tab);
	}

	const index = recordsTabs.findIndex(entry => entry.tab === route.tab);
	if (key.tab || key.right || key.left) {
		const step = key.left ? recordsTabs.length - 1 : 1;
		return switchTab(state, route, recordsTabs[(index + step) % recordsTabs.length]!.tab);
	}

	if (key.text === 'r') {
		return withEffect({...state, records: {...state.records ?? {journal: [], diff: [], command: ''}, loading: true}}, {type: 'read-records'});
	}

	if (key.home || key.end) {
		return replaceTop(state, {...route, scroll: scrollFor(state, route, key.home ? 0 : atEnd)});
	}

	const delta = scrollDelta(key, recordsHeight(state.size.rows));
	if (delta === 0) {
		return undefined;
	}

	return replaceTop(state, {...route, scroll: scrollFor(state, route, scrollFor(state, route, route.scroll) + delta)});
}
