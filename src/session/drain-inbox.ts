import {EngineRefusal} from '../engine/actions.js';
import type {SessionController} from '../engine/controller.js';
import {readInbox} from '../store/inbox.js';

/**
Takes in what other commands sent while this process held the session (store/inbox.ts): each request
is journalled under its sender's name and time; one the engine refuses (a hint no longer the next, a
note that is not clean) is journalled as skipped, with why. Returns how many lines were taken in.
Only the lock holder calls this.
*/
export function drainInbox(controller: SessionController, inboxFile: string): number {
	const items = readInbox(inboxFile, controller.session.inboxOffset ?? 0);
	for (const item of items) {
		if ('problem' in item) {
			controller.dispatch({type: 'inbox.skipped', inboxEnd: item.end, reason: item.problem});
			continue;
		}

		try {
			controller.dispatchAs({...item.request.action, inboxEnd: item.end}, item.request);
		} catch (error) {
			if (!(error instanceof EngineRefusal)) {
				throw error;
			}

			controller.dispatch({type: 'inbox.skipped', inboxEnd: item.end, reason: `${item.request.action.type} from ${item.request.by}: ${error.message}`});
		}
	}

	return items.length;
}
