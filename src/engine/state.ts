import type {CheckResult} from '../checks/types.js';

/** The version of the saved session format. Bump it and add a migration in `store/migrate.ts`. */
export const sessionSchemaVersion = 1;

export type StepState = 'pending' | 'running' | 'passed' | 'warned' | 'failed' | 'error' | 'skipped' | 'overridden' | 'done';

/** Who did something and when. `by` is the OS user or `--operator NAME`. */
export type Stamp = {by: string; at: string};

export type InputValue = string | string[];

export type InputRecord = {
	value: InputValue;
	setAt: string;
	setBy: string;
	/** Frozen values can only change after an explicit unfreeze with a reason. */
	frozen: boolean;
	frozenAt?: string;
	/** Set by an unfreeze; cleared when a new value is set. Stops the value refreezing at once. */
	unfrozen?: Stamp & {reason: string};
};

/** The result of a command step, kept as evidence. Output is truncated to a bounded size. */
export type CommandResult = {
	argv: string[];
	exitCode: number | undefined;
	/** Set when the command could not run at all (not found, timed out). */
	failure?: string;
	output: string;
	truncated: boolean;
	startedAt: string;
	durationMs: number;
	host: string;
	/** Set when the command ran on another host and its result was brought here (collect, results import). */
	collected?: {vantage: string; via: 'ssh' | 'file'; source: string; host: string; contentHash: string};
};

export type StaleMark = {reason: string; at: string};

export type StepRecord = {
	state: StepState;
	updatedAt: string;
	/** Who moved it to this state. */
	by?: string;
	result?: CheckResult;
	command?: CommandResult;
	/** Result time-to-live in seconds, copied from the step when the result was recorded. */
	ttlSeconds?: number;
	/** Input names whose values the result depended on. */
	usedInputs?: string[];
	/** The state the result earned, kept when an override replaces it. */
	resultState?: StepState;
	override?: Stamp & {reason: string};
	confirmation?: Stamp & {attestation: string};
	/** A recurring step's attestations, oldest first (each one also a journal entry). */
	occurrences?: Stamp[];
	/** While running: the state to return to if the run is cancelled or the process dies. */
	stateBeforeRun?: StepState;
	/** A result that must re-run before the gate opens, and why. */
	stale?: StaleMark;
	/** When a failing step first failed in the current streak, to say "fixed after 4 min". */
	failingSince?: string;
	/** How long the last failure streak lasted before this pass. */
	fixedAfterMs?: number;
	/** The last run measured from the wrong place, kept beside (never over) the right-place result. */
	wrongPlaceRun?: Stamp & {summary: string};
};

export type Position = {phaseId: string; stepId: string};

/** What marks a training session, and what the trainee asked for (counted for the instructor). */
export type TrainingMarker = {
	scenario: string;
	trainee: string;
	/** Hints shown, per step: how many of the step's hints the trainee has seen. */
	hints?: Record<string, number>;
	/** Findings the trainee handed to a team, per step: the last escalation wins. */
	escalations?: Record<string, Stamp & {owner: string; note: string}>;
};

/** A note an operator attached: who, when, about which step (none: the session as a whole). */
export type SessionNote = Stamp & {text: string; stepId?: string};

/** A host results are collected from over SSH: how to reach it (no secrets) and how the last collection went. */
export type CollectHostRecord = Stamp & {destination: string; ok: boolean; message?: string; accepted: number; refused: number};

/** Everything that survives a restart. Plain JSON. */
export type Session = {
	schemaVersion: number;
	name: string;
	runbookId: string;
	/** SHA-256 of the runbook's canonical content when the session last accepted it. */
	runbookHash: string;
	/** Per-step content hashes, to list what changed when the runbook changes. */
	stepHashes: Record<string, string>;
	createdAt: string;
	updatedAt: string;
	/** Training sessions are stored apart and marked everywhere. */
	training?: TrainingMarker;
	inputs: Record<string, InputRecord>;
	steps: Record<string, StepRecord>;
	position: Position;
	/** Notes in the order they were written. */
	notes?: SessionNote[];
	/** Hosts remembered by collect, per vantage. */
	collectHosts?: Record<string, CollectHostRecord>;
	/** How many bytes of the session inbox were taken in (journalled or skipped). */
	inboxOffset?: number;
	/** Number of journal entries this state includes; the journal may be ahead after a kill. */
	journalSeq: number;
	/** The hash of journal entry `journalSeq`: the state and journal vouch for each other on every open. */
	journalHash?: string;
};
