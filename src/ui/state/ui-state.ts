import type {ActionInput} from '../../engine/controller.js';
import type {RunTarget} from '../../engine/run-steps.js';
import type {Session} from '../../engine/state.js';
import type {ProbeRecord} from '../../checks/types.js';
import type {Runbook, VantageName} from '../../runbook/schema.js';
import type {CollectHost} from '../../remote/ssh-collect.js';
import type {CollectProgress} from '../../exchange/collect-progress.js';
import type {KeyPress} from './keys.js';
import type {ResumeFindings} from '../../session/open-session.js';
import type {Scenario} from '../../training/scenario-schema.js';
import type {TextBuffer} from './text-field.js';

/** A saved session as the start screen offers it. */
export type SessionChoice = {
	name: string;
	/** Where it stopped, as titles; undefined when the file could not be read. */
	phaseTitle?: string;
	stepTitle?: string;
	updatedAt?: string;
	training?: boolean;
	problem?: string;
};

export type StartState = {
	mode: 'menu' | 'name' | 'pick';
	sessions: SessionChoice[];
	/** The session `--session` named, or the most recent one: what "Resume" resumes. */
	resumeName?: string;
	name: TextBuffer;
	error?: string;
	opening: boolean;
};

/** The editor of an input step: a text field, a list edited item by item, or a menu of options. */
export type Editor =
	| {kind: 'text'; buffer: TextBuffer; refused?: string}
	| {kind: 'list'; items: string[]; selected: number; editing?: {index: number; buffer: TextBuffer; isNew: boolean}; refused?: string; dirty: boolean}
	| {kind: 'menu'; refused?: string};

export type Route =
	| {screen: 'start'}
	| {screen: 'findings'}
	| {screen: 'overview'; selected: number}
	| {screen: 'phase'; phaseId: string; selected: number}
	| {screen: 'step'; stepId: string; scroll: number; editor?: Editor}
	| {screen: 'details'; stepId: string; scroll: number}
	| {screen: 'watch'; stepId: string}
	| {screen: 'help'; scroll: number}
	| {screen: 'records'; tab: RecordsTab; scroll: number}
	| {screen: 'network'; scroll: number}
	| {screen: 'collect'; selected: number; adding?: {vantage: VantageName; buffer: TextBuffer; refused?: string}};

/** One host's line while (and after) the Collect screen collects from it. */
export type CollectHostRun = CollectProgress & {startedAt: number; endedAt?: number};

/** The Collect screen: hosts added here (remembered in the session once collected) and the collection running. */
export type CollectState = {
	/** user@address per vantage, typed on this screen; the session remembers a host once it was collected from. */
	added: Partial<Record<VantageName, string>>;
	run?: {id: number; running: boolean; stopping: boolean; hosts: CollectHostRun[]};
};

/** The records screen's tabs: the journal, the run-to-run diff, the report commands. */
export type RecordsTab = 'journal' | 'diff' | 'reports';

/** What the records screen shows, read from the journal when the screen opens. */
export type RecordsState = {
	loading: boolean;
	journal: string[];
	diff: string[];
	/** The session's command prefix (`azs-runbook --session NAME …`), for the report commands. */
	command: string;
	error?: string;
};

export type Dialog =
	| {kind: 'override'; stepId: string; buffer: TextBuffer; refused?: string}
	| {kind: 'not-overridable'; stepId: string; reason: string}
	| {kind: 'unfreeze'; stepId: string; inputName: string; buffer: TextBuffer; refused?: string}
	| {kind: 'attest'; stepId: string}
	| {kind: 'note'; stepId: string; buffer: TextBuffer; refused?: string}
	/** Training: hand a finding to a team (↑↓ choose the team, type an optional note). */
	| {kind: 'escalate'; stepId: string; team: number; buffer: TextBuffer; refused?: string}
	/** A list with unsaved changes was about to be left by `leave` (Esc, q, ] or [): save, discard or keep editing. */
	| {kind: 'unsaved'; stepId: string; leave: KeyPress};

/** One probe as a row: running until its record arrives. */
export type ProbeRow = {id: string; target: string; kind: string; startedAt: number; record?: ProbeRecord; endedAt?: number};

/** The current (or last) run of checks started from the TUI. */
export type RunState = {
	id: number;
	target: RunTarget;
	running: boolean;
	stopping: boolean;
	startedAt: number;
	/** Steps that wait for a person, that were refused, or why the phase is locked: shown after the run. */
	outcome?: string[];
};

export type WatchStatus = 'waiting' | 'running' | 'fixed' | 'stopped' | 'exhausted';

/** Re-running one failing check on a back-off until it passes or the operator stops. */
export type WatchState = {
	stepId: string;
	status: WatchStatus;
	/** Runs done so far. */
	attempt: number;
	maxAttempts: number;
	/** When the next run starts (epoch ms) while waiting. */
	nextAt?: number;
	runId?: number;
};

export type WatchConfig = {baseMs: number; capMs: number; maxAttempts: number};

/** Work the reducer asks for; the effect runner performs it and reports back with UiActions. */
export type Effect =
	| {id: number; type: 'open'; name: string; create: boolean}
	| {id: number; type: 'engine'; action: ActionInput; advanceFrom?: string; quiet?: boolean; success?: string}
	| {id: number; type: 'run'; runId: number; target: RunTarget}
	| {id: number; type: 'stop-run'}
	| {id: number; type: 'collect'; runId: number; hosts: CollectHost[]}
	| {id: number; type: 'stop-collect'}
	| {id: number; type: 'read-records'}
	/** A bell and, where the terminal shows one, a desktop notification. */
	| {id: number; type: 'alert'; message: string}
	| {id: number; type: 'quit'};

export type EffectInput = Effect extends infer E ? (E extends Effect ? Omit<E, 'id'> : never) : never;

export type Notice = {tone: 'info' | 'error'; text: string};

/** Everything the screens render. Changed only by the reducer. */
export type UiState = {
	runbook: Runbook;
	operator: string;
	now: number;
	size: {columns: number; rows: number};
	start: StartState;
	session?: Session;
	/** The open training session's scenario (its extra hints); undefined outside training. */
	scenario?: Scenario;
	findings?: ResumeFindings & {interrupted: string[]};
	routes: Route[];
	dialog?: Dialog;
	notice?: Notice;
	run?: RunState;
	probes: Record<string, ProbeRow[]>;
	watch?: WatchState;
	/** The Collect screen's hosts and its collection; undefined until it is first opened. */
	collect?: CollectState;
	/** The records screen's journal, diff and report commands; undefined until it is first opened. */
	records?: RecordsState;
	watchConfig: WatchConfig;
	effects: Effect[];
	nextId: number;
	quitting: boolean;
	/** Set when everything is settled and Ink may exit. */
	exit: boolean;
};
