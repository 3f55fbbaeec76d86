import {useEffect, useRef, type Dispatch} from 'react';
import type {CollectProgress} from '../../exchange/collect-progress.js';
import type {SessionController} from '../../engine/controller.js';
import type {TuiServices} from '../tui-services.js';
import type {UiAction} from '../state/ui-actions.js';
import type {Effect, UiState} from '../state/ui-state.js';

type Running = {abort: AbortController; done: Promise<void>};

/** How long quitting waits for stopped probes to settle (their cancellation is saved) before exiting. */
const quitGraceMs = 3000;

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Starts abortable work and holds it in `slot` until it settles (a later start replaces it). */
function track(slot: {current: Running | undefined}, work: (signal: AbortSignal) => Promise<void>): void {
	const abort = new AbortController();
	const entry = {abort, done: work(abort.signal)};
	slot.current = entry;
	void entry.done.finally(() => {
		if (slot.current === entry) {
			slot.current = undefined;
		}
	});
}

/**
Performs the effects the reducer queued, once each, and reports back as actions. The controller,
the subscription and the run in progress live here, outside React state: they are handles, not
things to render.
*/
export function useEffectRunner(effects: UiState['effects'], dispatch: Dispatch<UiAction>, services: TuiServices): void {
	const performed = useRef(0);
	const controller = useRef<SessionController | undefined>(undefined);
	const unsubscribe = useRef<(() => void) | undefined>(undefined);
	const running = useRef<Running | undefined>(undefined);
	const collecting = useRef<Running | undefined>(undefined);

	useEffect(() => () => {
		unsubscribe.current?.();
		running.current?.abort.abort();
		collecting.current?.abort.abort();
	}, []);

	useEffect(() => {
		const perform = (effect: Effect) => {
			switch (effect.type) {
				case 'open': {
					try {
						const opened = services.open(effect.name, effect.create);
						controller.current = opened.controller;
						unsubscribe.current?.();
						unsubscribe.current = opened.controller.subscribe(session => dispatch({type: 'session.changed', session}));
						dispatch({type: 'session.opened', session: opened.controller.session, findings: opened.findings, interrupted: opened.interrupted, scenario: opened.scenario, now: services.now(), operator: opened.controller.operator});
					} catch (error) {
						dispatch({type: 'session.open-failed', message: messageOf(error)});
					}

					return;
				}

				case 'engine': {
					const current = controller.current;
					if (!current) {
						return;
					}

					try {
						current.dispatch(effect.action);
						if (effect.advanceFrom) {
							current.advance();
						}

						dispatch({type: 'engine.done', effect, position: current.session.position});
					} catch (error) {
						dispatch({type: 'engine.refused', effect, message: messageOf(error)});
					}

					return;
				}

				case 'run': {
					const current = controller.current;
					if (!current) {
						return;
					}

					const onProbe = (stepId: string, event: Parameters<Parameters<TuiServices['run']>[2]>[1]) =>
						dispatch({type: 'run.probe', runId: effect.runId, stepId, event, at: services.now()});
					track(running, async signal => services.run(current, effect.target, onProbe, signal).then(
						report => dispatch({type: 'run.finished', runId: effect.runId, report, at: services.now()}),
						(error: unknown) => dispatch({type: 'run.finished', runId: effect.runId, error: messageOf(error), at: services.now()}),
					));
					return;
				}

				case 'read-records': {
					const current = controller.current;
					try {
						if (!current) {
							throw new Error('no session is open');
						}

						const {entries, command} = services.readRecords(current);
						dispatch({type: 'records.read', entries, command});
					} catch (error) {
						dispatch({type: 'records.failed', message: messageOf(error)});
					}

					return;
				}

				case 'alert': {
					services.alert(effect.message);
					return;
				}

				case 'collect': {
					const current = controller.current;
					if (!current) {
						return;
					}

					const onProgress = (progress: CollectProgress) => dispatch({type: 'collect.progress', runId: effect.runId, progress, at: services.now()});
					track(collecting, async signal => services.collect(current, effect.hosts, onProgress, signal).then(
						() => dispatch({type: 'collect.done', runId: effect.runId, at: services.now()}),
						(error: unknown) => dispatch({type: 'collect.done', runId: effect.runId, error: messageOf(error), at: services.now()}),
					));
					return;
				}

				case 'stop-run': {
					running.current?.abort.abort();
					return;
				}

				case 'stop-collect': {
					collecting.current?.abort.abort();
					return;
				}

				case 'quit': {
					// Stop checks and collections; wait (bounded) for what they saved on the way out.
					const busy = [running.current, collecting.current].filter(item => item !== undefined);
					for (const item of busy) {
						item.abort.abort();
					}

					const grace = new Promise(resolve => {
						setTimeout(resolve, quitGraceMs).unref();
					});
					void Promise.race([Promise.all(busy.map(async item => item.done)), grace]).then(() => dispatch({type: 'quit.ready'}));
				}
			}
		};

		const pending = effects.filter(effect => effect.id > performed.current);
		if (pending.length === 0) {
			return;
		}

		performed.current = pending.at(-1)!.id;
		for (const effect of pending) {
			perform(effect);
		}

		dispatch({type: 'effects.flushed', upTo: performed.current});
	}, [effects, dispatch, services]);
}
