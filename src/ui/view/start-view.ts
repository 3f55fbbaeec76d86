import type {SessionChoice, StartState} from '../state/ui-state.js';
import {ago} from './step-summary.js';

/** "Resume site-a at DVM egress › NTP server (last activity 5 min ago)". */
export function resumeLabel(choice: SessionChoice, now: number): string {
	if (choice.problem) {
		return `${choice.name} (cannot be read: ${choice.problem})`;
	}

	const where = choice.phaseTitle && choice.stepTitle ? ` at ${choice.phaseTitle} › ${choice.stepTitle}` : '';
	return `${choice.training ? '[TRAINING] ' : ''}${choice.name}${where} (last activity ${ago(choice.updatedAt, now)})`;
}

/** The start menu: resume, new, pick another (when there are others), quit. */
export function startMenu(start: StartState, now: number): Array<{label: string; value: string}> {
	const resume = start.sessions.find(session => session.name === start.resumeName);
	return [
		...(resume ? [{label: `Resume ${resumeLabel(resume, now)}`, value: 'resume'}] : []),
		{label: 'Start a new session', value: 'new'},
		...(start.sessions.length > 1 || (!resume && start.sessions.length > 0) ? [{label: `Pick another session (${start.sessions.length} saved)`, value: 'pick'}] : []),
		{label: 'Quit', value: 'quit'},
	];
}
