import {allSteps, inputSteps as inputStepsOf, locateStep} from '../../engine/runbook-index.js';
import {newlyFrozen} from '../../inputs/saved-input-warnings.js';
import type {Position, Session} from '../../engine/state.js';
import type {ResumeFindings} from '../../session/open-session.js';
import type {Scenario} from '../../training/scenario-schema.js';
import {editorFor} from './editor.js';
import {withNotice} from './effects.js';
import {replaceTop, showStep, topRoute} from './navigation.js';
import {textBuffer} from './text-field.js';
import type {Effect, UiState} from './ui-state.js';

type EngineEffect = Extract<Effect, {type: 'engine'}>;

/** Starts the notice that lists the values a change froze, with their warnings. */
const frozenPrefix = 'frozen now: ';

/** A session was opened: list what resume found first, else go straight to where it stopped. */
export function onSessionOpened(state: UiState, session: Session, findings: ResumeFindings, interrupted: string[], scenario?: Scenario): UiState {
	const opened: UiState = {...state, session, scenario, start: {...state.start, opening: false, error: undefined}, findings: {...findings, interrupted}};
	const worthShowing = findings.notices.length > 0 || findings.replayed > 0 || findings.stale.length > 0 || Boolean(findings.runbookChanges) || interrupted.length > 0;
	return worthShowing ? {...opened, routes: [{screen: 'findings'}]} : showStep(opened, session.position.stepId);
}

/**
The session changed (every dispatch notifies). A step view of an input that was frozen gets its
editor back after an unfreeze, and loses it when the value freezes.
*/
export function onSessionChanged(state: UiState, session: Session): UiState {
	const justFrozen = state.session ? newlyFrozen([...inputStepsOf(state.runbook).values()].map(entry => entry.step), state.session.inputs, session.inputs) : [];
	const next = justFrozen.length > 0 ? withNotice({...state, session}, 'info', `${frozenPrefix}${justFrozen.join('; ')}`) : {...state, session};
	const route = topRoute(next);
	if (route.screen !== 'step') {
		return next;
	}

	const step = locateStep(state.runbook, route.stepId)?.step;
	if (step?.kind !== 'input') {
		return next;
	}

	const frozen = Boolean(session.inputs[step.name]?.frozen);
	if (frozen && route.editor) {
		return replaceTop(next, {...route, editor: undefined});
	}

	return !frozen && !route.editor ? replaceTop(next, {...route, editor: editorFor(step, session)}) : next;
}

/**
An engine action succeeded: say so. After completing the step on screen, follow the engine's next
step (controller.advance) when it lies ahead; when it lies behind (an earlier step still fails),
stay, so the operator sees what was recorded, and name the step that waits.
*/
export function onEngineDone(state: UiState, effect: EngineEffect, position: Position): UiState {
	// The values this action froze (listed by onSessionChanged just before) stay in the notice.
	const froze = state.notice?.text.startsWith(frozenPrefix) ? ` · ${state.notice.text}` : '';
	const success = withRecordedTime(state, effect);
	const told = success ? withNotice(savedList(state, effect), 'info', `${success}${froze}`) : savedList(state, effect);
	const route = topRoute(told);
	const from = effect.advanceFrom;
	if (!from || route.screen !== 'step' || route.stepId !== from || position.stepId === from) {
		return told;
	}

	const order = allSteps(state.runbook).map(step => step.id);
	if (order.indexOf(position.stepId) > order.indexOf(from)) {
		return {...showStep(told, position.stepId), notice: told.notice};
	}

	const waiting = locateStep(state.runbook, position.stepId)?.step;
	return withNotice(told, 'info', `${success ?? 'done'} · still open before it: ${waiting?.title ?? position.stepId} (${told.session?.steps[position.stepId]?.state ?? 'pending'})${froze}`);
}

/** An attestation's notice names the time the journal recorded (the session already holds it), never a time shown earlier. */
function withRecordedTime(state: UiState, effect: EngineEffect): string | undefined {
	const {action} = effect;
	const confirmation = action.type === 'step.confirmed' ? state.session?.steps[action.stepId]?.confirmation : undefined;
	return confirmation && effect.success ? `${effect.success} at ${confirmation.at}` : effect.success;
}

/** A list just saved is no longer "[unsaved]" when the view stays on it (an earlier step still open). */
function savedList(state: UiState, effect: EngineEffect): UiState {
	const route = topRoute(state);
	const saved = effect.action.type === 'input.set' && route.screen === 'step' && route.stepId === effect.advanceFrom && route.editor?.kind === 'list';
	return saved && route.editor?.kind === 'list' ? replaceTop(state, {...route, editor: {...route.editor, dirty: false}}) : state;
}

/** The engine refused: a dialog reopens with the reason, an input shows it inline, else a notice. */
export function onEngineRefused(state: UiState, effect: EngineEffect, message: string): UiState {
	const {action} = effect;
	if (action.type === 'step.overridden') {
		return {...state, dialog: {kind: 'override', stepId: action.stepId, buffer: textBuffer(action.reason), refused: message}};
	}

	if (action.type === 'input.unfreeze') {
		const stepId = [...state.runbook.phases.flatMap(phase => phase.steps)].find(step => step.kind === 'input' && step.name === action.name)?.id ?? '';
		return {...state, dialog: {kind: 'unfreeze', stepId, inputName: action.name, buffer: textBuffer(action.reason), refused: message}};
	}

	const route = topRoute(state);
	if (action.type === 'input.set' && route.screen === 'step' && route.editor) {
		return replaceTop(state, {...route, editor: {...route.editor, refused: message}});
	}

	return withNotice(state, 'error', message);
}
