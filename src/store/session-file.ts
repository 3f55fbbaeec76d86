import {z} from 'zod';
import {sessionSchemaVersion, type Session} from '../engine/state.js';

/*
The shape a saved session must have before the engine trusts it. Loose inside records (results
carry check-specific evidence), strict about what the engine relies on.
*/
const stepStates = ['pending', 'running', 'passed', 'warned', 'failed', 'error', 'skipped', 'overridden', 'done'] as const;

// Built on first use: a start screen with no saved session builds no schema (zod's first schemas
// in a process cost ~10 ms of warm-up, before the first frame).
let sessionFileSchema: ReturnType<typeof buildSessionFileSchema> | undefined;

const buildSessionFileSchema = () => z.looseObject({
	schemaVersion: z.literal(sessionSchemaVersion),
	name: z.string().min(1),
	runbookId: z.string().min(1),
	runbookHash: z.string().min(1),
	stepHashes: z.record(z.string(), z.string()),
	createdAt: z.string(),
	updatedAt: z.string(),
	inputs: z.record(z.string(), z.looseObject({value: z.union([z.string(), z.array(z.string())]), frozen: z.boolean()})),
	steps: z.record(z.string(), z.looseObject({state: z.enum(stepStates), updatedAt: z.string()})),
	position: z.object({phaseId: z.string(), stepId: z.string()}),
	journalSeq: z.number().int().min(0),
	journalHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

/** Checks a parsed state file; returns the problem in words, or the session. */
export function checkSessionFile(value: unknown): {ok: true; session: Session} | {ok: false; problem: string} {
	sessionFileSchema ??= buildSessionFileSchema();
	const parsed = sessionFileSchema.safeParse(value);
	if (parsed.success) {
		return {ok: true, session: parsed.data as unknown as Session};
	}

	const issue = parsed.error.issues[0]!;
	return {ok: false, problem: `wrong shape at ${issue.path.join('.') || 'top level'}: ${issue.message}`};
}
