import type {ProbeEvent} from '../../checks/types.js';
import type {RunReport} from '../../engine/run-steps.js';
import type {Position, Session} from '../../engine/state.js';
import type {ResumeFindings} from '../../session/open-session.js';
import type {Scenario} from '../../training/scenario-schema.js';
import type {JournalEntry} from '../../store/journal.js';
import type {CollectProgress} from '../../exchange/collect-progress.js';
import type {KeyPress} from './keys.js';
import type {Effect} from './ui-state.js';

/** Everything that can change the UI state: keys, time, and what the engine reports back. */
export type UiAction =
	| {type: 'key'; key: KeyPress; now?: number}
	| {type: 'tick'; now: number}
	| {type: 'resize'; size: {columns: number; rows: number}}
	| {type: 'menu.select'; menu: 'start' | 'enum'; value: string}
	| {type: 'effects.flushed'; upTo: number}
	| {type: 'session.opened'; session: Session; findings: ResumeFindings; interrupted: string[]; scenario?: Scenario; now: number; operator?: string}
	| {type: 'session.open-failed'; message: string}
	| {type: 'session.changed'; session: Session}
	| {type: 'engine.done'; effect: Extract<Effect, {type: 'engine'}>; position: Position}
	| {type: 'engine.refused'; effect: Extract<Effect, {type: 'engine'}>; message: string}
	| {type: 'run.probe'; runId: number; stepId: string; event: ProbeEvent; at: number}
	| {type: 'run.finished'; runId: number; report?: RunReport; error?: string; at: number}
	| {type: 'collect.progress'; runId: number; progress: CollectProgress; at: number}
	| {type: 'collect.done'; runId: number; error?: string; at: number}
	| {type: 'records.read'; entries: JournalEntry[]; command: string}
	| {type: 'records.failed'; message: string}
	| {type: 'quit.ready'};
