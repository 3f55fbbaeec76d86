import type {SessionController} from '../../engine/controller.js';
import {inputSteps} from '../../engine/runbook-index.js';
import type {Session} from '../../engine/state.js';
import {newlyFrozen} from '../../inputs/saved-input-warnings.js';
import type {OpenedSession} from '../../session/open-session.js';
import {openCliSession, type CliContext} from '../context.js';

/** Opens the session, runs `work`, and always releases the lock and journal. */
export async function withSession<T>(context: CliContext, work: (controller: SessionController, opened: OpenedSession) => Promise<T> | T): Promise<T> {
	const opened = await openCliSession(context);
	const before = opened.controller.session.inputs;
	try {
		return await work(opened.controller, opened);
	} finally {
		sayFrozen(context, opened.controller, before);
		opened.store.close();
	}
}

/** Values frozen by this command (their phase completed), with their warnings, said once more. */
function sayFrozen(context: CliContext, controller: SessionController, before: Session['inputs']): void {
	const steps = [...inputSteps(controller.loaded.runbook).values()].map(entry => entry.step);
	for (const line of newlyFrozen(steps, before, controller.session.inputs)) {
		context.err(`frozen now: ${line}`);
	}
}
