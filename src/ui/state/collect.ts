import type {CollectProgress} from '../../exchange/collect-progress.js';
import {destinationProblem} from '../../remote/ssh-collect.js';
import {collectRows, type CollectRow} from '../view/collect-lines.js';
import {withEffect, withNotice} from './effects.js';
import type {KeyPress} from './keys.js';
import {pushRoute, replaceTop} from './navigation.js';
import {editText, textBuffer} from './text-field.js';
import type {CollectState, Route, UiState} from './ui-state.js';

type CollectRoute = Extract<Route, {screen: 'collect'}>;

function rowsOf(state: UiState): CollectRow[] {
	return state.session ? collectRows(state.runbook, state.session, state.collect) : [];
}

function collectState(state: UiState): CollectState {
	return state.collect ?? {added: {}};
}

/** Opens the Collect screen on the first vantage that owes results and has a host, else the first that owes any. */
export function openCollect(state: UiState): UiState {
	if (!state.session) {
		return state;
	}

	const rows = rowsOf(state);
	if (rows.length === 0) {
		return withNotice(state, 'info', 'this runbook names no vantage for its checks: there is nothing to collect from other hosts');
	}

	const owing = rows.findIndex(row => row.proven < row.total && row.destination);
	const selected = owing === -1 ? Math.max(0, rows.findIndex(row => row.proven < row.total)) : owing;
	// A finished collection's lines give way to what the session remembers of it; a running one stays.
	const collect = collectState(state);
	const kept = collect.run?.running ? collect : {added: collect.added};
	return pushRoute({...state, collect: kept}, {screen: 'collect', selected});
}

/** Starts collecting from the given rows' hosts (one collection at a time). */
function startCollect(state: UiState, rows: CollectRow[]): UiState {
	if (state.collect?.run?.running) {
		return withNotice(state, 'error', 'a collection is already running; s or Esc stops it');
	}

	const hosts = rows.flatMap(row => (row.destination ? [{vantage: row.vantage, destination: row.destination}] : []));
	if (hosts.length === 0) {
		return withNotice(state, 'error', 'no host to collect from: a adds one (user@address or an ssh config alias)');
	}

	const runId = state.nextId;
	const run = {id: runId, running: true, stopping: false, hosts: []};
	return withEffect({...state, collect: {...collectState(state), run}, notice: undefined}, {type: 'collect', runId, hosts});
}

/** Asks the collection to stop: every ssh is killed; hosts that finished are already merged. */
export function stopCollect(state: UiState): UiState {
	const run = state.collect?.run;
	if (!run?.running || run.stopping) {
		return state;
	}

	return withEffect({...state, collect: {...collectState(state), run: {...run, stopping: true}}}, {type: 'stop-collect'});
}

/** A host started or finished: its progress line changes. */
export function onCollectProgress(state: UiState, runId: number, progress: CollectProgress, at: number): UiState {
	const run = state.collect?.run;
	if (run?.id !== runId) {
		return state;
	}

	const previous = run.hosts.find(host => host.vantage === progress.vantage);
	const line = {...progress, startedAt: previous?.startedAt ?? at, ...(progress.stage === 'finished' ? {endedAt: at} : {})};
	const hosts = previous ? run.hosts.map(host => (host === previous ? line : host)) : [...run.hosts, line];
	return {...state, collect: {...collectState(state), run: {...run, hosts}}};
}

/** The collection ended (or was stopped): the lines keep how each host ended. */
export function onCollectDone(state: UiState, runId: number, error: string | undefined): UiState {
	const run = state.collect?.run;
	if (run?.id !== runId) {
		return state;
	}

	const failed = run.hosts.filter(host => host.stage === 'finished' && !host.ok).length;
	const next = {...state, collect: {...collectState(state), run: {...run, running: false, stopping: false}}};
	if (error) {
		return withNotice(next, 'error', `the collection failed: ${error}`);
	}

	const finished = run.hosts.filter(host => host.stage === 'finished').length;
	const text = run.stopping ? `Collection stopped: ${finished} host(s) finished and merged; collect again for the rest` : `Collection finished: ${finished - failed} host(s) merged, ${failed} failed`;
	return withNotice(next, run.stopping || failed > 0 ? 'error' : 'info', text);
}

/** Typing a host: Enter keeps it (refused when ssh could read it as an option), Esc drops it. */
function addingKey(state: UiState, route: CollectRoute, adding: NonNullable<CollectRoute['adding']>, key: KeyPress): UiState {
	if (key.escape) {
		return replaceTop(state, {screen: 'collect', selected: route.selected});
	}

	if (key.enter) {
		const destination = adding.buffer.value.trim();
		const problem = destination ? destinationProblem(destination) : 'type user@address (or a host alias from your ssh config)';
		if (problem) {
			return replaceTop(state, {...route, adding: {...adding, refused: problem}});
		}

		const collect = collectState(state);
		return replaceTop({...state, collect: {...collect, added: {...collect.added, [adding.vantage]: destination}}}, {screen: 'collect', selected: route.selected});
	}

	const buffer = editText(adding.buffer, key);
	return buffer ? replaceTop(state, {...route, adding: {...adding, buffer, refused: undefined}}) : state;
}

/**
Collect keys: ↑↓ choose a vantage, a adds (or changes) its host, Enter collects from it, c from every
host listed, s or Esc stops a running collection (Esc otherwise goes back).
*/
export function collectKey(state: UiState, route: CollectRoute, key: KeyPress): UiState | undefined {
	if (route.adding) {
		return addingKey(state, route, route.adding, key);
	}

	const rows = rowsOf(state);
	const running = state.collect?.run?.running;
	if (running && (key.escape || key.text === 's' || key.ctrlLetter === 'c')) {
		return stopCollect(state);
	}

	if (key.up || key.text === 'k' || key.down || key.text === 'j') {
		const selected = key.up || key.text === 'k' ? Math.max(0, route.selected - 1) : Math.min(rows.length - 1, route.selected + 1);
		return replaceTop(state, {...route, selected});
	}

	const row = rows[route.selected];
	if (!row) {
		return undefined;
	}

	if (key.text === 'a' || key.text === 'e') {
		return replaceTop(state, {...route, adding: {vantage: row.vantage, buffer: textBuffer(row.destination ?? '')}});
	}

	if (key.enter) {
		return startCollect(state, [row]);
	}

	if (key.text === 'c') {
		return startCollect(state, rows);
	}

	return undefined;
}
