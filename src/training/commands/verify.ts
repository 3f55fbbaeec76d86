import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {UsageError} from '../../cli/args.js';
import {loadCliRunbook, type CliContext} from '../../cli/context.js';
import {driveScenario} from '../drive-scenario.js';
import type {LoadedScenario} from '../load-scenario.js';
import {findScenario, shippedScenarios} from '../scenario-library.js';

/**
`train verify [SCENARIO…]`: runs scenarios end to end in a scratch directory and says, per check step,
whether the real judgement came to the verdict the scenario expects. For instructors writing scenarios.
Exit 1 when any verdict differs.
*/
export async function verifyCommand(context: CliContext): Promise<number> {
	const loaded = await loadCliRunbook(context);
	const named = context.args.positionals.slice(1);
	const scenarios: LoadedScenario[] = named.length > 0
		? named.map(id => {
			const found = findScenario(id, loaded.runbook);
			if (!found) {
				throw new UsageError(`no scenario "${id}"; list them with: ${context.command(['train', 'list'])}`);
			}

			return found;
		})
		: shippedScenarios(loaded.runbook);
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'azs-train-verify-'));
	let failed = 0;
	try {
		for (const scenario of scenarios) {
			const outcome = await driveScenario({loaded, scenario, trainingDir: scratch});
			const verdict = outcome.mismatches.length === 0 ? 'as expected' : `${outcome.mismatches.length} check(s) differ`;
			context.out(`${outcome.mismatches.length === 0 ? '✔' : '✖'} ${scenario.scenario.id}: ${verdict}`);
			for (const mismatch of outcome.mismatches) {
				context.out(`    ${mismatch.stepId}: ${mismatch.problem}${mismatch.actual ? ` — ${mismatch.actual.summary}` : ''}`);
			}

			failed += outcome.mismatches.length > 0 ? 1 : 0;
		}
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}

	return failed > 0 ? 1 : 0;
}
