import type {FixOwner, ProbeRecord} from '../checks/types.js';
import type {CommandResult, InputValue, StepState} from '../engine/state.js';
import type {PhaseStatusWord} from '../engine/status.js';

/*
The report model: one plain-JSON object that every format (JSON, Markdown, JUnit, hand-over) is
rendered from, and that redaction walks as a whole. Its JSON Schema is schemas/report.schema.json;
change both together and bump reportVersion when a field changes meaning or goes away.
*/

/** The version of the report format; readers check it before trusting fields. */
export const reportVersion = 1;

export type Stamped = {by: string; at: string};

export type ReportCheck = {
	checkId: string;
	status: 'pass' | 'warn' | 'fail' | 'error' | 'skipped';
	summary: string;
	remediation?: string;
	owner?: FixOwner;
	startedAt: string;
	durationMs: number;
	/** Where the result was measured from: the host and the local source addresses its sockets used. */
	vantage: {host: string; localAddresses: string[]; name?: string; collected?: {via: 'ssh' | 'file'; source: string; host: string; contentHash: string}};
	/** The endpoint list (id and date) the parameters came from. */
	endpointList?: string;
	evidence: ProbeRecord[];
};

/** A command step's evidence as the engine recorded it; JSON has no undefined, so exitCode is optional. */
export type ReportCommand = Omit<CommandResult, 'exitCode'> & {exitCode?: number};

export type ReportStep = {
	id: string;
	title: string;
	kind: 'instruction' | 'input' | 'confirm' | 'check' | 'command';
	blocking: boolean;
	state: StepState;
	/** The state the result earned, when an override replaced it. */
	resultState?: StepState;
	updatedAt?: string;
	by?: string;
	/** Input steps: the input's name. */
	inputName?: string;
	check?: ReportCheck;
	command?: ReportCommand;
	override?: Stamped & {reason: string};
	confirmation?: Stamped & {attestation: string};
	skipped?: Stamped & {reason: string};
	stale?: {reason: string; at: string};
	failingSince?: string;
	fixedAfterMs?: number;
	/** A recurring checkpoint: how often (seconds), every occurrence (who, when), when the next is due. */
	recurring?: {everySeconds: number; occurrences: Stamped[]; nextDue?: string};
	/** Who must act for this step to be satisfied (a fix owner, or the operator). */
	owner?: string;
	/** Why the step does not apply in this session (its `when:` is false); it does not gate. */
	notApplicable?: string;
	/** The documents its facts come from: `path (date): title`. */
	sources?: string[];
};

export type ReportPhase = {
	id: string;
	title: string;
	status: PhaseStatusWord;
	current: boolean;
	lockReason?: string;
	counts: {passed: number; failed: number; pending: number; total: number; notApplicable?: number; skipped?: number; stale?: number};
	steps: ReportStep[];
};

export type ReportInput = {
	name: string;
	title: string;
	phaseId: string;
	value?: InputValue;
	setBy?: string;
	setAt?: string;
	frozen: boolean;
	frozenAt?: string;
	unfrozen?: Stamped & {reason: string};
};

/** A step that keeps the deployment from moving on, with who must act. */
export type ReportBlocker = {
	phaseId: string;
	stepId: string;
	title: string;
	state: StepState;
	stale: boolean;
	summary?: string;
	remediation?: string;
	owner: string;
};

export type ReportNote = Stamped & {text: string; stepId?: string; stepTitle?: string};

export type Report = {
	reportVersion: typeof reportVersion;
	generatedAt: string;
	generator: {name: 'azs-runbook'; version: string};
	/** Training sessions are not real deployments: every format says so first. */
	training: false | {scenario: string; trainee: string};
	/** True when IP addresses, domains, tenant and host names were replaced by tokens. */
	redacted: boolean;
	session: {name: string; createdAt: string; updatedAt: string; position: {phaseId: string; stepId: string}};
	runbook: {id: string; title: string; version: string; hash: string};
	summary: {
		/** The first line every format leads with: never plain "Complete" while overrides stand ("Complete with 4 overrides"). */
		headline: string;
		complete: boolean;
		steps: number;
		satisfied: number;
		/** Satisfied by a pass, an attestation or a done command: never an override or a skip. */
		passed: number;
		failed: number;
		pending: number;
		overridden: number;
		skipped: number;
		stale: number;
		next?: {phaseId: string; phaseTitle: string; stepId: string; stepTitle: string};
		/** The first locked phase and why. */
		lockedAt?: {phaseId: string; phaseTitle: string; reason: string};
	};
	phases: ReportPhase[];
	inputs: ReportInput[];
	blockers: ReportBlocker[];
	/** Overrides in force: who accepted what, and what was waived (the fix and the team that owns it). */
	overrides: Array<Stamped & {stepId: string; title: string; reason: string; resultState?: StepState; summary?: string; owner?: string; remediation?: string; stale?: string}>;
	stale: Array<{stepId: string; title: string; reason: string; at: string}>;
	/** Session notes in the order written: a ticket, a toolkit version, what the customer said. */
	notes: ReportNote[];
	/** Every place results were measured from, with the steps measured there. */
	/** Where results were measured, grouped by host, vantage and how they reached the session. */
	vantages: Array<{host: string; vantage?: string; how?: 'measured here' | 'collected over SSH' | 'imported from a file'; source?: string; localAddresses: string[]; stepIds: string[]}>;
	/** Every endpoint list a result used, with the steps that used it. */
	endpointLists: Array<{list: string; stepIds: string[]}>;
	journal: {entries: number; verified: boolean; problem?: {line: number; message: string}; lastHash?: string; pendingEntries: number};
};
