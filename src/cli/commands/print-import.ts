import type {ImportOutcome} from '../../exchange/apply-import.js';
import {escapeControls} from '../../text/escape-controls.js';
import {stepMarks} from '../marks.js';
import type {CliContext} from '../context.js';

/** What an import or a host's collection brought: taken (with its verdict) and refused (with why). */
export function printImport(context: CliContext, from: string, outcome: ImportOutcome): void {
	if (outcome.refusedAll) {
		context.out(`✖ ${from}: refused: ${outcome.refusedAll}`);
		return;
	}

	context.out(`${from}: took ${outcome.accepted.length + outcome.acceptedCommands.length}, refused ${outcome.refused.length}`);
	for (const item of outcome.accepted) {
		const state = item.result.status === 'pass' ? 'passed' : item.result.status === 'warn' ? 'warned' : item.result.status === 'fail' ? 'failed' : item.result.status === 'skipped' ? 'skipped' : 'error';
		context.out(`  ${stepMarks[state]} ${item.stepId}  ${item.result.summary}`);
	}

	for (const item of outcome.acceptedCommands) {
		const {exitCode, failure} = item.command;
		context.out(`  ${stepMarks[item.state]} ${item.stepId}  command ${failure ? escapeControls(failure, 'line') : `exit code ${exitCode ?? '?'}`}`);
	}

	for (const refused of outcome.refused) {
		context.out(`  ✖ ${refused.stepId}: refused: ${refused.reason}`);
	}
}
