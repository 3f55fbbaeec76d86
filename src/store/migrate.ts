import {sessionSchemaVersion} from '../engine/state.js';

type Migration = (state: Record<string, unknown>) => Record<string, unknown>;

/**
Migrations from each older schema version to the next. Version 0 was the pre-release format,
which had neither the journal sequence nor per-step hashes.
*/
const migrations: Record<number, Migration> = {
	0: state => ({...state, schemaVersion: 1, journalSeq: state.journalSeq ?? 0, stepHashes: state.stepHashes ?? {}}),
};

export type MigrationOutcome =
	| {kind: 'current'; state: Record<string, unknown>}
	| {kind: 'migrated'; from: number; state: Record<string, unknown>}
	| {kind: 'unsupported'; problem: string};

/** Brings a parsed state file to the current schema version, or says why it cannot. */
export function migrateState(raw: unknown): MigrationOutcome {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		return {kind: 'unsupported', problem: 'not a JSON object'};
	}

	let state = raw as Record<string, unknown>;
	const version = state.schemaVersion ?? 0;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
		return {kind: 'unsupported', problem: `schemaVersion ${JSON.stringify(version)} is not a version number`};
	}

	if (version > sessionSchemaVersion) {
		return {kind: 'unsupported', problem: `schema version ${version} is newer than this azs-runbook understands (${sessionSchemaVersion}); upgrade azs-runbook`};
	}

	if (version === sessionSchemaVersion) {
		return {kind: 'current', state};
	}

	for (let from = version; from < sessionSchemaVersion; from++) {
		const step = migrations[from];
		if (!step) {
			return {kind: 'unsupported', problem: `no migration from schema version ${from}`};
		}

		state = step(state);
	}

	return {kind: 'migrated', from: version, state};
}
