import type {Step} from '../runbook/schema.js';
import type {Session} from './state.js';

/** Why a command step does not run on this platform ("runs only on win32; this is linux"), or undefined. */
export function platformSkipReason(step: Step, platform: string = process.platform): string | undefined {
	if (step.kind !== 'command' || !step.platforms || step.platforms.includes(platform as 'linux')) {
		return undefined;
	}

	return `runs only on ${step.platforms.join(', ')}; this is ${platform}`;
}

export const trainingSkipReason = 'training session: command steps do not run (open it with --training)';

/**
Why a skipped step was skipped, for the screens: the record keeps no reason (the journal's
step.skipped entry does), so it is worked out again from the same rules the run applied.
A check whose own verdict was "skipped" says why in its result summary instead.
*/
export function skipReason(session: Session, step: Step): string | undefined {
	const record = session.steps[step.id];
	if (record?.state !== 'skipped') {
		return undefined;
	}

	if (record.result) {
		return record.result.summary;
	}

	return platformSkipReason(step) ?? (session.training && step.kind === 'command' ? trainingSkipReason : undefined);
}
