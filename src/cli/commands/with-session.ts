import type {SessionController} from '../../engine/controller.js';
import type {OpenedSession} from '../../session/open-session.js';
import {openCliSession, type CliContext} from '../context.js';

/** Opens the session, runs `work`, and always releases the lock and journal. */
export async function withSession<T>(context: CliContext, work: (controller: SessionController, opened: OpenedSession) => Promise<T> | T): Promise<T> {
	const opened = openCliSession(context);
	try {
		return await work(opened.controller, opened);
	} finally {
		opened.store.close();
	}
}
