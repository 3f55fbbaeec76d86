import {SessionController} from '../../src/engine/controller.js';
import {newSession} from '../../src/engine/new-session.js';
import type {Session} from '../../src/engine/state.js';
import {loadRunbook, type LoadedRunbook} from '../../src/runbook/load-runbook.js';
import {miniRunbook} from './paths.js';

/** A controllable clock for engine tests. */
export function fakeClock(start = '2026-01-05T08:00:00.000Z') {
	let now = Date.parse(start);
	return {
		now: () => new Date(now),
		advance(ms: number) {
			now += ms;
		},
	};
}

/** A controller over an in-memory session: no disk, for pure engine behaviour. */
export function memoryController(loaded: LoadedRunbook = loadRunbook(miniRunbook), clock = fakeClock()) {
	const session = newSession({name: 'test', runbook: loaded.runbook, runbookHash: loaded.hash, stepHashes: loaded.stepHashes, at: clock.now().toISOString()});
	const saved: Session[] = [];
	const controller = new SessionController(loaded, session, {
		record(_action, next) {
			const stored = {...next, journalSeq: next.journalSeq + 1};
			saved.push(stored);
			return stored;
		},
	}, 'alice', clock.now);
	return {controller, saved, clock, loaded};
}
