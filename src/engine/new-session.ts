import type {Runbook} from '../runbook/schema.js';
import {sessionSchemaVersion, type Session} from './state.js';

export type NewSessionOptions = {
	name: string;
	runbook: Runbook;
	runbookHash: string;
	stepHashes: Record<string, string>;
	at: string;
	training?: Session['training'];
};

/** A fresh session positioned on the runbook's first step. */
export function newSession(options: NewSessionOptions): Session {
	const firstPhase = options.runbook.phases[0]!;
	return {
		schemaVersion: sessionSchemaVersion,
		name: options.name,
		runbookId: options.runbook.id,
		runbookHash: options.runbookHash,
		stepHashes: options.stepHashes,
		createdAt: options.at,
		updatedAt: options.at,
		...(options.training ? {training: options.training} : {}),
		inputs: {},
		steps: {},
		position: {phaseId: firstPhase.id, stepId: firstPhase.steps[0]!.id},
		journalSeq: 0,
	};
}
