import {closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync} from 'node:fs';
import path from 'node:path';
import {UsageError} from '../cli/args.js';
import {checkSessionName} from '../store/session-paths.js';
import {z} from 'zod';
import {EngineRefusal} from '../engine/actions.js';
import {StateError} from '../store/errors.js';
import {scenarioSchemas, type Condition, type Scenario} from './scenario-schema.js';
import type {ActiveCondition} from './world.js';

/** The version of the training state file; bump it with a migration when its shape changes. */
export const trainingStateVersion = 1;

// Built on first use, with the scenario schemas: a start screen reads no training state.
function buildStateSchemas() {
	const {conditionSchema, scenarioSchema} = scenarioSchemas();
	const activeSchema = z.object({
		name: z.string().min(1),
		/** From the scenario's faults at the start, or injected by the instructor later. */
		origin: z.enum(['scenario', 'injected']),
		condition: conditionSchema,
		at: z.string(),
		by: z.string(),
	});

	const historySchema = z.object({at: z.string(), by: z.string(), action: z.enum(['start', 'inject', 'clear']), name: z.string()});

	const stateSchema = z.object({
		version: z.literal(trainingStateVersion),
		session: z.string().min(1),
		trainee: z.string().min(1),
		/** The scenario as it was when the session started: later edits to the file do not change a running exercise. */
		scenario: scenarioSchema,
		scenarioFile: z.string(),
		startedAt: z.string(),
		active: z.array(activeSchema),
		history: z.array(historySchema),
	});

	return {stateSchema, historySchema};
}

let stateSchemas: ReturnType<typeof buildStateSchemas> | undefined;

/**
What the simulation of one training session needs, kept beside the session (not in it): the scenario
and the conditions in force. The instructor changes it while the trainee holds the session's lock,
so it is its own file, replaced atomically; the trainee's next check reads it afresh.
*/
export type TrainingState = z.infer<ReturnType<typeof buildStateSchemas>['stateSchema']>;
export type ConditionChange = z.infer<ReturnType<typeof buildStateSchemas>['historySchema']>;

/** The training state file of a session in the training state directory. */
export function trainingStatePath(trainingDir: string, session: string): string {
	// A session name never leaves the training directory ("../x" is refused, not followed).
	const problem = checkSessionName(session);
	if (problem) {
		throw new UsageError(problem);
	}

	// Not "session-…": the session list must not mistake it for a session.
	return path.join(trainingDir, `conditions-${session}.json`);
}

/** Reads a session's training state; undefined when there is none (not a training session). */
export function readTrainingState(trainingDir: string, session: string): TrainingState | undefined {
	const file = trainingStatePath(trainingDir, session);
	if (!existsSync(file)) {
		return undefined;
	}

	let raw: unknown;
	try {
		raw = JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		throw new StateError(`the training state ${file} is not valid JSON (damaged); start the exercise again with azs-runbook train start`);
	}

	stateSchemas ??= buildStateSchemas();
	const parsed = stateSchemas.stateSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new StateError(`the training state ${file} has the wrong shape at ${issue.path.join('.') || 'top level'}: ${issue.message}`);
	}

	return parsed.data;
}

/** Writes the training state durably: temporary file, fsync, rename (a reader sees the old or the new). */
export function writeTrainingState(trainingDir: string, state: TrainingState): void {
	const file = trainingStatePath(trainingDir, state.session);
	const temporary = `${file}.${process.pid}.tmp`;
	try {
		mkdirSync(trainingDir, {recursive: true, mode: 0o700});
		const descriptor = openSync(temporary, 'w', 0o600);
		try {
			writeSync(descriptor, `${JSON.stringify(state, null, '\t')}\n`);
			fsyncSync(descriptor);
		} finally {
			closeSync(descriptor);
		}

		renameSync(temporary, file);
	} catch (error) {
		throw new StateError(`could not save the training state ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
	}
}

/** The state of a freshly started exercise: the scenario's faults in force. */
export function initialTrainingState(options: {session: string; trainee: string; scenario: Scenario; scenarioFile: string; at: string; by: string}): TrainingState {
	const {scenario, at, by} = options;
	return {
		version: trainingStateVersion,
		session: options.session,
		trainee: options.trainee,
		scenario,
		scenarioFile: options.scenarioFile,
		startedAt: at,
		active: Object.entries(scenario.faults).map(([name, condition]) => ({name, origin: 'scenario' as const, condition, at, by})),
		history: [{at, by, action: 'start', name: scenario.id}],
	};
}

/** The conditions in force, in the order they apply. */
export function activeConditions(state: TrainingState): ActiveCondition[] {
	return state.active.map(({name, condition}) => ({name, condition}));
}

/** The state with one more condition in force (replacing one of the same name). Pure. */
export function withInjected(state: TrainingState, name: string, condition: Condition, at: string, by: string): TrainingState {
	return {
		...state,
		active: [...state.active.filter(item => item.name !== name), {name, origin: 'injected', condition, at, by}],
		history: [...state.history, {at, by, action: 'inject', name}],
	};
}

/** The state without the named condition, or without any (`name` undefined: the healthy site). Pure. */
export function withCleared(state: TrainingState, name: string | undefined, at: string, by: string): TrainingState {
	const removed = state.active.filter(item => name === undefined || item.name === name);
	if (removed.length === 0) {
		const names = state.active.map(item => item.name);
		throw new EngineRefusal(name === undefined
			? 'no condition is in force: the site is already healthy'
			: `no condition "${name}" is in force; in force: ${names.length > 0 ? names.join(', ') : 'none'}`);
	}

	return {
		...state,
		active: state.active.filter(item => !removed.includes(item)),
		history: [...state.history, ...removed.map(item => ({at, by, action: 'clear' as const, name: item.name}))],
	};
}
