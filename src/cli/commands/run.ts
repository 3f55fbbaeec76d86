import {EngineRefusal, type Action} from '../../engine/actions.js';
import {nextStep} from '../../engine/gating.js';
import {locateStep} from '../../engine/runbook-index.js';
import {skipReason} from '../../engine/skip-reason.js';
import {statusView} from '../../engine/status.js';
import type {Runbook} from '../../runbook/schema.js';
import {runSteps} from '../../engine/run-steps.js';
import type {Session, StepState} from '../../engine/state.js';
import {runOptionsFrom, type CliContext} from '../context.js';
import {cancelledMark, stepMarks} from '../marks.js';
import {exitCodeForSignal, onStopSignals, type StopSignal} from '../stop-signals.js';
import {withSession} from './with-session.js';

const finalStates: ReadonlySet<StepState> = new Set(['passed', 'warned', 'failed', 'error', 'skipped', 'done']);

/**
`run`: runs checks and commands; each line is printed only after its transition is saved, so
anything printed "done" survives a kill. Ctrl+C (or Ctrl+Break, a closed console or terminal, a kill) stops probes promptly and keeps what finished.
*/
export async function runCommand(context: CliContext): Promise<number> {
	if ([context.args.phase, context.args.step, context.args.stale || undefined].filter(Boolean).length > 1) {
		throw new EngineRefusal('give one of --phase, --step or --stale, not several');
	}

	const abort = new AbortController();
	let stoppedBy: StopSignal = 'SIGINT';
	const stopListening = onStopSignals(signal => {
		stoppedBy = signal;
		abort.abort();
	});
	try {
		return await withSession(context, async controller => {
			// Remember what was already final, then print each step as its final state is saved.
			const printed = new Map(Object.entries(controller.session.steps).map(([stepId, record]) => [stepId, `${record.state}@${record.updatedAt}`]));
			const print = (session: Session, action: Action) => {
				// A cancelled step is back to its state before the run: that old verdict is not this run's result.
				if (action.type === 'step.cancelled') {
					const record = session.steps[action.stepId];
					printed.set(action.stepId, `${record?.state}@${record?.updatedAt}`);
					if (!context.args.json) {
						context.out(`${cancelledMark} cancelled ${action.stepId}  stopped before it finished: nothing measured${record && record.state !== 'pending' ? ` (the earlier ${record.state} result stands, unchanged)` : ''}`);
					}

					return;
				}

				for (const [stepId, record] of Object.entries(session.steps)) {
					const key = `${record.state}@${record.updatedAt}`;
					if (!finalStates.has(record.state) || printed.get(stepId) === key) {
						continue;
					}

					printed.set(stepId, key);
					if (context.args.json) {
						continue;
					}

					const step = locateStep(controller.loaded.runbook, stepId)?.step;
					const skipped = record.state === 'skipped' && step ? skipReason(session, step) : undefined;
					const summary = skipped ?? record.result?.summary ?? record.command?.failure ?? (record.command ? `exit code ${record.command.exitCode}` : step?.title ?? '');
					context.out(`${stepMarks[record.state]} ${record.state.padEnd(7)} ${stepId}  ${summary}`);
					if ((record.state === 'failed' || record.state === 'error') && record.result?.remediation) {
						context.out(`          → ${record.result.remediation}${record.result.owner ? ` [${record.result.owner}]` : ''}`);
					}
				}
			};

			const unsubscribe = controller.subscribe(print);
			const report = await runSteps(
				controller,
				{phaseId: context.args.phase, stepId: context.args.step, stale: context.args.stale},
				{...runOptionsFrom(context, abort.signal), yes: context.args.yes},
			);
			unsubscribe();
			const blockingFailed = report.ran.filter(item => item.blocking && !item.cancelled && (item.state === 'failed' || item.state === 'error'));
			if (context.args.json) {
				context.out(JSON.stringify({...report, steps: report.ran.map(item => ({...item, record: controller.session.steps[item.stepId]}))}, null, 2));
			} else {
				for (const waiting of report.waiting) {
					context.out(`· waiting ${waiting.stepId}  ${waiting.title}: ${waiting.reason}${waiting.command ? `: ${context.command(waiting.command)}` : ''}`);
				}

				for (const refused of report.refused) {
					context.out(`· refused ${refused.stepId}  ${refused.reason}${refused.command ? `: ${context.command(refused.command)}` : ''}`);
				}

				for (const skipped of report.notApplicable) {
					context.out(`· skipped ${skipped.stepId}  ${skipped.reason}`);
				}

				if (report.locked) {
					context.out(report.locked);
				}

				if (abort.signal.aborted) {
					context.out('stopped: finished steps are saved; run again to continue');
				}

				if (context.args.stale && report.ran.length === 0 && !abort.signal.aborted) {
					context.out('nothing to re-run: no result is stale');
				}

				context.out(describeNext(controller.loaded.runbook, controller.session));
			}

			if (abort.signal.aborted) {
				if (stoppedBy === 'SIGPIPE') {
					// Its reader is gone (`run | head -1`): say on standard error what became of the run.
					context.err('azs-runbook: standard output was closed, so the run stopped: finished steps are saved, interrupted ones recorded as cancelled; run again to continue');
				}

				return exitCodeForSignal(stoppedBy);
			}

			return blockingFailed.length > 0 || report.locked ? 1 : 0;
		});
	} finally {
		stopListening();
	}
}

/** What is next, never a step that is already done: the next unsatisfied step, or that every phase is complete. */
function describeNext(runbook: Runbook, session: Session): string {
	const next = nextStep(runbook, session);
	if (next) {
		return `next: ${next.phase.id} › ${next.step.id}`;
	}

	return statusView(runbook, session).complete ? 'next: nothing, every phase is complete' : 'next: nothing runnable until the blocking steps above are fixed';
}
