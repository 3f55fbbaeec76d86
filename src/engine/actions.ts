import type {CheckResult} from '../checks/types.js';
import type {CommandBuilder} from './command-hint.js';
import type {CommandResult, InputValue, Position, StepState} from './state.js';

/*
Every state change is one of these actions. Each carries its own time and actor, so replaying
the journal through the reducer rebuilds exactly the saved state.
*/
export type Action =
	| {
		type: 'session.created';
		name: string;
		runbookId: string;
		hash: string;
		stepHashes: Record<string, string>;
		/** Training sessions say so in their first journal entry, so the journal alone marks them. */
		training?: {scenario: string; trainee: string};
		at: string;
		by: string;
	}
	| {type: 'input.set'; name: string; value: InputValue; at: string; by: string}
	| {type: 'input.unfreeze'; name: string; reason: string; at: string; by: string}
	| {type: 'step.started'; stepId: string; at: string; by: string}
	| {type: 'step.cancelled'; stepId: string; at: string; by: string}
	| {type: 'step.acknowledged'; stepId: string; at: string; by: string}
	| {type: 'step.confirmed'; stepId: string; at: string; by: string}
	| {type: 'step.skipped'; stepId: string; reason: string; at: string; by: string}
	| {type: 'check.finished'; stepId: string; result: CheckResult; ttlSeconds: number; usedInputs: string[]; at: string; by: string}
	| {
		type: 'command.finished';
		stepId: string;
		command: CommandResult;
		state: Extract<StepState, 'passed' | 'failed' | 'error' | 'skipped'>;
		ttlSeconds: number;
		usedInputs: string[];
		at: string;
		by: string;
	}
	| {type: 'step.overridden'; stepId: string; reason: string; at: string; by: string}
	| {type: 'position.moved'; position: Position; at: string; by: string}
	| {type: 'results.staled'; stepIds: string[]; reason: string; at: string; by: string}
	| {type: 'runbook.accepted'; hash: string; stepHashes: Record<string, string>; at: string; by: string}
	/** Training: the trainee was shown hint number `hint` (1-based) of a step. */
	| {type: 'hint.shown'; stepId: string; hint: number; inboxEnd?: number; at: string; by: string}
	/** Training: the trainee handed a step's finding to the team that must fix it. */
	| {type: 'finding.escalated'; stepId: string; owner: string; note: string; inboxEnd?: number; at: string; by: string}
	/** A session note: a ticket number, a toolkit version, what the customer said; about a step, or the session. */
	| {type: 'note.added'; text: string; stepId?: string; inboxEnd?: number; at: string; by: string}
	/**
	A line of the session inbox that could not be taken in (refused, or not a request): journalled so
	the inbox moves on past it. `inboxEnd` is where the line ends; actions taken from the inbox carry it too.
	*/
	| {type: 'inbox.skipped'; inboxEnd: number; reason: string; at: string; by: string}
	/** collect: how one host's collection ended (the results themselves arrive as check.finished). */
	| {type: 'collect.finished'; vantage: string; destination: string; ok: boolean; message?: string; accepted: number; refused: number; at: string; by: string};

export type ActionType = Action['type'];

/**
Raised when an action is not allowed in the current state; the message is for the operator.
`command`: the words of what to run instead (the CLI turns them into a command line for this session).
*/
export class EngineRefusal extends Error {
	override name = 'EngineRefusal';

	constructor(message: string, readonly command?: readonly string[]) {
		super(message);
	}

	/** The refusal with its command, built by `build` (see command-hint.ts). */
	describe(build: CommandBuilder): string {
		return this.command ? `${this.message}: ${build(this.command)}` : this.message;
	}
}
