import type {SessionController} from '../../engine/controller.js';
import type {Session} from '../../engine/state.js';
import {readSessionReadOnly} from '../../journal/read-session.js';
import type {LoadedRunbook} from '../../runbook/load-runbook.js';
import {SessionLockedError} from '../../store/errors.js';
import {appendToInbox, readInbox, type InboxAction, type InboxRequest} from '../../store/inbox.js';
import {sessionPaths} from '../../store/session-paths.js';
import {loadCliRunbook, trainingOperator, type CliContext} from '../context.js';
import {withSession} from './with-session.js';

/** A session another process holds, as a sender sees it: read without the lock, plus what waits in its inbox. */
export type HeldSession = {
	loaded: LoadedRunbook;
	session: Session;
	/** Requests sent earlier and not yet taken in. */
	pending: InboxRequest[];
	/** The process holding the session. */
	holder: number;
	/** Who the request is recorded as (a training session's trainee). */
	operator: string;
	send: (action: InboxAction) => void;
};

/**
Runs `work` on the session when its lock is free; when another process (the TUI) holds it, runs
`send` instead, which decides on the session as read and sends its action through the session
inbox, where the holder journals it (store/inbox.ts). For words that need no lock to be decided:
notes, hints, escalations.
*/
export async function withSessionOrInbox<T>(context: CliContext, work: (controller: SessionController) => T | Promise<T>, send: (held: HeldSession) => T): Promise<T> {
	try {
		return await withSession(context, work);
	} catch (error) {
		if (!(error instanceof SessionLockedError)) {
			throw error;
		}

		const loaded = await loadCliRunbook(context);
		const name = context.args.session;
		const read = readSessionReadOnly(context.stateDir, name, loaded.runbook);
		if (!read) {
			throw error;
		}

		const {inbox} = sessionPaths(context.stateDir, name);
		const pending = readInbox(inbox, read.session.inboxOffset ?? 0).flatMap(item => ('request' in item ? [item.request] : []));
		const operator = trainingOperator(context, name);
		return send({
			loaded,
			session: read.session,
			pending,
			holder: error.pid,
			operator,
			send: action => appendToInbox(inbox, {action, at: new Date().toISOString(), by: operator}),
		});
	}
}

/** What the sender is told: sent, and who records it. */
export function sentLine(held: HeldSession): string {
	return `sent to the session open in process ${held.holder}, which records it in the journal (or the next open does)`;
}
