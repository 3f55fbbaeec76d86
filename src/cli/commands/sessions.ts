import {locateStep} from '../../engine/runbook-index.js';
import {listSessions} from '../../store/session-store.js';
import {loadCliRunbook, type CliContext} from '../context.js';

/** `sessions`: every saved session with its position and last activity; damaged files say so. */
export async function sessionsCommand(context: CliContext): Promise<number> {
	const summaries = listSessions(context.stateDir);
	if (context.args.json) {
		context.out(JSON.stringify(summaries.map(summary => ({
			name: summary.name,
			file: summary.file,
			lastActivity: summary.session?.updatedAt ?? summary.modifiedAt.toISOString(),
			position: summary.session?.position,
			problem: summary.problem,
		})), null, 2));
		return 0;
	}

	if (summaries.length === 0) {
		context.out(`No saved sessions in ${context.stateDir}. Start one with: ${context.command([])}`);
		return 0;
	}

	const {runbook} = await loadCliRunbook(context);
	for (const summary of summaries) {
		if (!summary.session) {
			context.out(`${summary.name.padEnd(20)} unreadable: ${summary.problem ?? 'unknown problem'} (${summary.file})`);
			continue;
		}

		const location = locateStep(runbook, summary.session.position.stepId);
		const where = location ? `${location.phase.title} › ${location.step.title}` : `${summary.session.position.phaseId} › ${summary.session.position.stepId}`;
		context.out(`${summary.name.padEnd(20)} at ${where} · last activity ${summary.session.updatedAt}`);
	}

	return 0;
}
