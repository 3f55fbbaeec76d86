import type {LoadedRunbook} from '../runbook/load-runbook.js';
import {EngineRefusal, type Action} from './actions.js';
import {operatorTextProblem} from './operator-text.js';
import {nextStep} from './gating.js';
import {reduce} from './reducer.js';
import type {Session} from './state.js';

/** Where transitions go to be made durable. The store implements it; tests may too. */
export type SessionPersistence = {
	/** Makes the action and resulting state durable, returning the state as saved. */
	record: (action: Action, next: Session) => Session;
};

/** An action as callers give it: the controller stamps time and actor. */
export type ActionInput = Action extends infer A ? (A extends Action ? Omit<A, 'at' | 'by'> : never) : never;

/** Told of every saved transition: the state as saved and the action that made it. */
type Listener = (session: Session, action: Action) => void;

/**
Owns one session while it is open: applies actions through the pure reducer, persists each
transition before returning, and notifies listeners (the TUI). The same code serves TUI and CLI.
*/
export class SessionController {
	private current: Session;
	private readonly listeners = new Set<Listener>();

	constructor(
		readonly loaded: LoadedRunbook,
		session: Session,
		private readonly persistence: SessionPersistence,
		readonly operator: string,
		private readonly clock: () => Date = () => new Date(),
	) {
		this.current = session;
	}

	get session(): Session {
		return this.current;
	}

	/** Applies an action and makes it durable. Throws EngineRefusal (nothing changed) or a StateError. */
	dispatch(input: ActionInput): Session {
		return this.dispatchAs(input, {at: this.clock().toISOString(), by: this.operator});
	}

	/** As dispatch, stamped with another sender's name and time (a request taken from the session inbox). */
	dispatchAs(input: ActionInput, stamp: {at: string; by: string}): Session {
		const action = {...input, at: stamp.at, by: stamp.by} as Action;
		const problem = operatorTextProblem(action);
		if (problem) {
			throw new EngineRefusal(problem);
		}

		const next = reduce(this.loaded.runbook, this.current, action);
		this.current = this.persistence.record(action, next);
		for (const listener of this.listeners) {
			listener(this.current, action);
		}

		return this.current;
	}

	/** Moves the position to the next unsatisfied step, when it differs. */
	advance(): Session {
		const next = nextStep(this.loaded.runbook, this.current);
		if (next && (next.step.id !== this.current.position.stepId || next.phase.id !== this.current.position.phaseId)) {
			return this.dispatch({type: 'position.moved', position: {phaseId: next.phase.id, stepId: next.step.id}});
		}

		return this.current;
	}

	subscribe(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}
}
