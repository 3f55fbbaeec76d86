import type {Runbook} from '../runbook/schema.js';
import {EngineRefusal, type Action} from './actions.js';
import {sessionStep} from './applicability.js';
import {isPhaseComplete} from './gating.js';
import {inputSteps, locateStep, unknownStepText} from './runbook-index.js';
import type {Session, StepRecord, StepState} from './state.js';
import {withOccurrence} from './recurring.js';
import {addNote} from './session-notes.js';
import {stepStateFromCheck} from './step-state.js';

/**
The one place session state changes. Pure: the same runbook, state and action always give the
same new state, which is what lets the journal rebuild a session. Refusals throw EngineRefusal.
*/
export function reduce(runbook: Runbook, session: Session, action: Action): Session {
	const applied = applyAction(runbook, session, action);
	// An action taken from the inbox moves the inbox on with it: replaying the entry never takes it twice.
	const next = 'inboxEnd' in action && action.inboxEnd !== undefined ? {...applied, inboxOffset: action.inboxEnd} : applied;
	return freezeCompletedPhases(runbook, {...next, updatedAt: action.at});
}

function requireStep(runbook: Runbook, stepId: string) {
	const location = locateStep(runbook, stepId);
	if (!location) {
		throw new EngineRefusal(unknownStepText(runbook, stepId));
	}

	return location;
}

function withStep(session: Session, stepId: string, record: StepRecord): Session {
	return {...session, steps: {...session.steps, [stepId]: record}};
}

function applyAction(runbook: Runbook, session: Session, action: Action): Session {
	switch (action.type) {
		case 'session.created': {
			// The first journal entry names what the session started from; its time is the creation time.
			return {...session, createdAt: action.at, ...(action.training ? {training: action.training} : {})};
		}

		case 'input.set': {
			const input = inputSteps(runbook).get(action.name);
			if (!input) {
				throw new EngineRefusal(`unknown input "${action.name}"`);
			}

			const current = session.inputs[action.name];
			if (current?.frozen) {
				throw new EngineRefusal(
					`input "${action.name}" is frozen since ${current.frozenAt ?? 'its phase completed'}; unfreeze it with a reason first`,
					['unfreeze', action.name, '--reason', '…'],
				);
			}

			const withInput: Session = {
				...session,
				inputs: {...session.inputs, [action.name]: {value: action.value, setAt: action.at, setBy: action.by, frozen: false}},
			};
			const changed = current !== undefined && JSON.stringify(current.value) !== JSON.stringify(action.value);
			const marked = changed ? staleResultsUsing(withInput, action.name, `input "${action.name}" changed`, action.at) : withInput;
			return withStep(marked, input.step.id, {state: 'done', updatedAt: action.at, by: action.by});
		}

		case 'input.unfreeze': {
			const current = session.inputs[action.name];
			if (!current?.frozen) {
				throw new EngineRefusal(`input "${action.name}" is not frozen`);
			}

			const unfrozen: Session = {
				...session,
				inputs: {
					...session.inputs,
					[action.name]: {...current, frozen: false, frozenAt: undefined, unfrozen: {by: action.by, at: action.at, reason: action.reason}},
				},
			};
			return staleResultsUsing(unfrozen, action.name, `input "${action.name}" was unfrozen: ${action.reason}`, action.at);
		}

		case 'step.started': {
			requireStep(runbook, action.stepId);
			const previous = session.steps[action.stepId];
			const before = previous?.state === 'running' ? previous.stateBeforeRun : previous?.state;
			return withStep(session, action.stepId, {...previous, state: 'running', stateBeforeRun: before ?? 'pending', updatedAt: action.at, by: action.by});
		}

		case 'step.cancelled': {
			const previous = session.steps[action.stepId];
			if (previous?.state !== 'running') {
				return session;
			}

			// Back to exactly the state before the run (an override stays an override): a cancelled run proves nothing.
			const restored: StepState = previous.stateBeforeRun ?? (previous.result || previous.command ? (previous.resultState ?? 'pending') : 'pending');
			return withStep(session, action.stepId, {...previous, state: restored, stateBeforeRun: undefined, updatedAt: action.at});
		}

		case 'step.acknowledged':
		case 'step.confirmed': {
			const {step} = requireStep(runbook, action.stepId);
			const expected = action.type === 'step.acknowledged' ? 'instruction' : 'confirm';
			if (step.kind !== expected) {
				throw new EngineRefusal(`step "${step.id}" is a ${step.kind} step, not ${expected === 'confirm' ? 'a confirm' : 'an instruction'} step`);
			}

			// The sentence recorded is the one shown: with the site's values at the time of attesting.
			const confirmation = step.kind === 'confirm' ? {by: action.by, at: action.at, attestation: sessionStep(session, step).attestation} : undefined;
			const occurrences = step.kind === 'confirm' && step.recurring ? withOccurrence(session.steps[step.id]?.occurrences, {by: action.by, at: action.at}) : undefined;
			return withStep(session, step.id, {state: 'done', updatedAt: action.at, by: action.by, confirmation, ...(occurrences ? {occurrences} : {})});
		}

		case 'step.skipped': {
			requireStep(runbook, action.stepId);
			return withStep(session, action.stepId, {
				state: 'skipped',
				resultState: 'skipped',
				updatedAt: action.at,
				by: action.by,
				stale: undefined,
			});
		}

		case 'note.added': {
			return addNote(runbook, session, action);
		}

		case 'inbox.skipped': {
			return session;
		}

		case 'collect.finished': {
			const {vantage, destination, ok, message, accepted, refused} = action;
			const record = {destination, ok, ...(message === undefined ? {} : {message}), accepted, refused, at: action.at, by: action.by};
			return {...session, collectHosts: {...session.collectHosts, [vantage]: record}};
		}

		case 'check.finished': {
			requireStep(runbook, action.stepId);
			const previous = session.steps[action.stepId];
			if (action.result.wrongPlace && previous?.result && !previous.result.wrongPlace) {
				// A result from the wrong place proves nothing: the right-place result stands, the run is noted.
				const {stateBeforeRun, ...kept} = previous;
				return withStep(session, action.stepId, {
					...kept,
					state: previous.state === 'running' ? (stateBeforeRun ?? previous.resultState ?? 'pending') : previous.state,
					wrongPlaceRun: {at: action.at, by: action.by, summary: action.result.summary},
				});
			}

			const state = stepStateFromCheck(action.result.status);
			return withStep(session, action.stepId, {
				state,
				resultState: state,
				updatedAt: action.at,
				by: action.by,
				result: action.result,
				ttlSeconds: action.ttlSeconds,
				usedInputs: action.usedInputs,
				...failureStreak(previous, state, action.at),
			});
		}

		case 'command.finished': {
			requireStep(runbook, action.stepId);
			const previous = session.steps[action.stepId];
			return withStep(session, action.stepId, {
				state: action.state,
				resultState: action.state,
				updatedAt: action.at,
				by: action.by,
				command: action.command,
				ttlSeconds: action.ttlSeconds,
				usedInputs: action.usedInputs,
				...failureStreak(previous, action.state, action.at),
			});
		}

		case 'step.overridden': {
			const {step} = requireStep(runbook, action.stepId);
			if (!step.overridable) {
				throw new EngineRefusal(
					`step "${step.id}" cannot be overridden${step.notOverridableReason ? `: ${step.notOverridableReason}` : ''}`,
				);
			}

			if (action.reason.trim().length < 3) {
				throw new EngineRefusal('an override needs a reason (at least a few words saying why it is safe)');
			}

			const previous = session.steps[action.stepId];
			return withStep(session, step.id, {
				...previous,
				state: 'overridden',
				resultState: previous?.resultState ?? previous?.state ?? 'pending',
				updatedAt: action.at,
				by: action.by,
				override: {by: action.by, at: action.at, reason: action.reason.trim()},
				stale: undefined,
			});
		}

		case 'position.moved': {
			requireStep(runbook, action.position.stepId);
			return {...session, position: action.position};
		}

		case 'results.staled': {
			let next = session;
			for (const stepId of action.stepIds) {
				const record = next.steps[stepId];
				if (record && (record.result || record.command)) {
					next = withStep(next, stepId, {...record, stale: {reason: action.reason, at: action.at}});
				}
			}

			return next;
		}

		case 'runbook.accepted': {
			return {...session, runbookHash: action.hash, stepHashes: action.stepHashes};
		}

		case 'hint.shown': {
			const training = requireTraining(session, 'hints');
			requireStep(runbook, action.stepId);
			const shown = training.hints?.[action.stepId] ?? 0;
			if (action.hint !== shown + 1) {
				throw new EngineRefusal(`hint ${action.hint} of "${action.stepId}" is not the next one (${shown} shown so far)`);
			}

			return {...session, training: {...training, hints: {...training.hints, [action.stepId]: action.hint}}};
		}

		case 'finding.escalated': {
			const training = requireTraining(session, 'escalations');
			requireStep(runbook, action.stepId);
			const escalation = {owner: action.owner, note: action.note, at: action.at, by: action.by};
			return {...session, training: {...training, escalations: {...training.escalations, [action.stepId]: escalation}}};
		}
	}
}

/** Hints and escalations are counted for an instructor: only training sessions record them. */
function requireTraining(session: Session, what: string) {
	if (!session.training) {
		throw new EngineRefusal(`${what} are recorded only in training sessions`);
	}

	return session.training;
}

/** Marks stale every recorded result that used the named input. */
function staleResultsUsing(session: Session, inputName: string, reason: string, at: string): Session {
	const steps = {...session.steps};
	for (const [stepId, record] of Object.entries(steps)) {
		if (record.usedInputs?.includes(inputName) && (record.result || record.command)) {
			steps[stepId] = {...record, stale: {reason, at}};
		}
	}

	return {...session, steps};
}

/** Tracks when a failure streak began, and how long it took to fix once it passes. */
function failureStreak(previous: StepRecord | undefined, state: StepState, at: string): Pick<StepRecord, 'failingSince' | 'fixedAfterMs'> {
	const failing = state === 'failed' || state === 'error';
	if (failing) {
		return {failingSince: previous?.failingSince ?? at, fixedAfterMs: undefined};
	}

	if (previous?.failingSince && (state === 'passed' || state === 'warned')) {
		return {failingSince: undefined, fixedAfterMs: Date.parse(at) - Date.parse(previous.failingSince)};
	}

	return {failingSince: undefined, fixedAfterMs: previous?.fixedAfterMs};
}

/** Inputs marked `freeze` freeze when their phase completes, unless an unfreeze is pending a new value. */
function freezeCompletedPhases(runbook: Runbook, session: Session): Session {
	let inputs = session.inputs;
	for (const {step, phase} of inputSteps(runbook).values()) {
		const record = inputs[step.name];
		if (!step.freeze || !record || record.frozen || record.unfrozen) {
			continue;
		}

		if (isPhaseComplete(session, phase)) {
			inputs = {...inputs, [step.name]: {...record, frozen: true, frozenAt: session.updatedAt}};
		}
	}

	return inputs === session.inputs ? session : {...session, inputs};
}
