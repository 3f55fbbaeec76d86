import type {ProbeEvent} from '../checks/types.js';
import type {SessionController} from '../engine/controller.js';
import type {RunReport, RunTarget} from '../engine/run-steps.js';
import type {CollectProgress} from '../exchange/collect-progress.js';
import type {CollectHost} from '../remote/ssh-collect.js';
import type {JournalEntry} from '../store/journal.js';
import type {ResumeFindings} from '../session/open-session.js';
import type {Scenario} from '../training/scenario-schema.js';

/** A session the TUI has opened: the controller it dispatches through, and what resume found. */
export type OpenedForTui = {
	controller: SessionController;
	findings: ResumeFindings;
	/** Steps that were still running when the last process died; they were reset (step.cancelled). */
	interrupted: string[];
	/** A training session's scenario (as it was at the start): where the steps' extra hints come from. */
	scenario?: Scenario;
};

/**
Everything the TUI does to the outside world, in one place: open a session (locks it), run checks
through the engine, read the clock, read the journal. start-tui wires the real ones; tests pass their own.
*/
export type TuiServices = {
	open: (name: string, create: boolean) => OpenedForTui;
	run: (controller: SessionController, target: RunTarget, onProbe: (stepId: string, event: ProbeEvent) => void, signal: AbortSignal) => Promise<RunReport>;
	/** Collects from hosts over OpenSSH and merges as each finishes (the collect command's logic), reporting per host. */
	collect: (controller: SessionController, hosts: CollectHost[], onProgress: (progress: CollectProgress) => void, signal: AbortSignal) => Promise<void>;
	now: () => number;
	/** Reads the open session's journal (read-only) and the command prefix that names the session. */
	readRecords: (controller: SessionController) => SessionRecords;
	/** A bell, and a desktop notification where the terminal shows one (a watched check passed). */
	alert: (message: string) => void;
};

/** The journal entries of the open session, and `azs-runbook --session NAME [--state-dir DIR] …`. */
export type SessionRecords = {entries: JournalEntry[]; command: string};
