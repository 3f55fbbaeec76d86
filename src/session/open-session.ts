import os from 'node:os';
import {EngineRefusal} from '../engine/actions.js';
import {SessionController} from '../engine/controller.js';
import {newSession} from '../engine/new-session.js';
import {reduce} from '../engine/reducer.js';
import {changedSteps, findStaleResults, type StaleFinding} from '../engine/staleness.js';
import type {Session} from '../engine/state.js';
import type {LoadedRunbook} from '../runbook/load-runbook.js';
import {RebuildError, rebuildSession} from '../journal/rebuild.js';
import {JournalMismatchError, StateError} from '../store/errors.js';
import type {JournalEntry} from '../store/journal.js';
import {SessionStore} from '../store/session-store.js';
import {drainInbox} from './drain-inbox.js';

export type OpenOptions = {
	loaded: LoadedRunbook;
	stateDir: string;
	name: string;
	operator: string;
	training?: Session['training'];
	/** Create the session when none is saved (default true). */
	create?: boolean;
	now?: () => Date;
};

/** What resume found, to show before continuing. */
export type ResumeFindings = {
	resumed: boolean;
	/** Journal entries that were newer than the state and were replayed. */
	replayed: number;
	stale: StaleFinding[];
	/** Steps a killed process left running; cancelled on open, since their results will never arrive. */
	interrupted: string[];
	runbookChanges?: {changed: string[]; added: string[]; removed: string[]};
	notices: string[];
};

export type OpenedSession = {controller: SessionController; store: SessionStore; findings: ResumeFindings};

/**
Opens (or creates) a named session: locks it, loads it, replays journal entries a kill left ahead
of the state, and marks stale what must re-run (expired, other vantage, changed runbook steps).
*/
export function openSession(options: OpenOptions): OpenedSession | undefined {
	const store = SessionStore.open({stateDir: options.stateDir, name: options.name, training: Boolean(options.training)});
	try {
		return openLocked(store, options);
	} catch (error) {
		store.close();
		throw error;
	}
}

function openLocked(store: SessionStore, options: OpenOptions): OpenedSession | undefined {
	const {loaded} = options;
	const now = options.now ?? (() => new Date());
	const outcome = store.load();
	const findings: ResumeFindings = {resumed: Boolean(outcome.session), replayed: 0, stale: [], interrupted: [], notices: outcome.notices};
	let session = outcome.session;
	if (!session && outcome.pendingEntries.length > 0) {
		// A journal without its state (a kill before the first state write, or a deleted state file):
		// the state is rebuilt from the journal, never replaced by an empty session.
		session = rebuildMissingState(store, loaded, outcome.pendingEntries, options.training);
		findings.resumed = true;
		findings.notices.push(`the saved state was missing beside its journal; it was rebuilt from the journal's ${outcome.pendingEntries.length} entr${outcome.pendingEntries.length === 1 ? 'y' : 'ies'}`);
	}

	if (session && session.runbookId !== loaded.runbook.id) {
		throw new StateError(
			`session "${options.name}" belongs to runbook "${session.runbookId}", not "${loaded.runbook.id}"; use another --session name`,
		);
	}

	if (outcome.session && session && outcome.pendingEntries.length > 0) {
		for (const entry of outcome.pendingEntries) {
			try {
				session = reduce(loaded.runbook, session, entry.action);
			} catch (error) {
				if (!(error instanceof EngineRefusal)) {
					throw error;
				}

				// The runbook changed since the entry was written: keep the entry in the journal, skip it here.
				findings.notices.push(`journal entry ${entry.seq} (${entry.action.type}) could not be replayed against the current runbook and was skipped: ${error.message}`);
			}
		}

		const last = outcome.pendingEntries.at(-1)!;
		session = {...session, journalSeq: last.seq, journalHash: last.hash};
		store.save(session);
		findings.replayed = outcome.pendingEntries.length;
	}

	const persistence = {record: (action: Parameters<SessionStore['record']>[0], next: Session) => store.record(action, next)};
	if (!session) {
		if (options.create === false) {
			store.close();
			return undefined;
		}

		const fresh = newSession({
			name: options.name,
			runbook: loaded.runbook,
			runbookHash: loaded.hash,
			stepHashes: loaded.stepHashes,
			at: now().toISOString(),
			training: options.training,
		});
		const controller = new SessionController(loaded, fresh, persistence, options.operator, now);
		controller.dispatch({
			type: 'session.created',
			name: options.name,
			runbookId: loaded.runbook.id,
			hash: loaded.hash,
			stepHashes: loaded.stepHashes,
			...(options.training ? {training: options.training} : {}),
		});
		return {controller, store, findings};
	}

	const controller = new SessionController(loaded, session, persistence, options.operator, now);
	// What was sent while another process held the session, and not yet taken in (it was killed, or closed first).
	const taken = drainInbox(controller, store.paths.inbox);
	if (taken > 0) {
		findings.notices.push(`took in ${taken} request${taken === 1 ? '' : 's'} sent while the session was open elsewhere (notes, hints, escalations)`);
	}

	// We hold the lock, so the process that was running these is gone: a cancelled run proves nothing.
	findings.interrupted = Object.entries(session.steps).filter(([, record]) => record.state === 'running').map(([stepId]) => stepId);
	for (const stepId of findings.interrupted) {
		controller.dispatch({type: 'step.cancelled', stepId});
	}

	if (session.runbookHash !== loaded.hash) {
		const changes = changedSteps(session, loaded.stepHashes);
		findings.runbookChanges = changes;
		const withResults = changes.changed.filter(stepId => session?.steps[stepId]);
		if (withResults.length > 0) {
			controller.dispatch({type: 'results.staled', stepIds: withResults, reason: 'the step changed in the runbook since it ran'});
		}

		controller.dispatch({type: 'runbook.accepted', hash: loaded.hash, stepHashes: loaded.stepHashes});
	}

	findings.stale = findStaleResults(loaded.runbook, controller.session, now(), os.hostname());
	for (const finding of findings.stale) {
		controller.dispatch({type: 'results.staled', stepIds: [finding.stepId], reason: finding.reason});
	}

	return {controller, store, findings};
}

function rebuildMissingState(store: SessionStore, loaded: LoadedRunbook, entries: JournalEntry[], training: Session['training'] | undefined): Session {
	let rebuilt: Session;
	try {
		rebuilt = rebuildSession(loaded.runbook, entries, {training});
	} catch (error) {
		if (error instanceof RebuildError) {
			throw new JournalMismatchError(store.options.name, `the saved state is missing and the journal cannot rebuild it: ${error.message}`, 0);
		}

		throw error;
	}

	store.save(rebuilt);
	return rebuilt;
}
