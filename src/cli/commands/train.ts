import {clearCommand, conditionsCommand, injectCommand} from '../../training/commands/conditions.js';
import {escalateCommand} from '../../training/commands/escalate.js';
import {hintCommand, whyCommand} from '../../training/commands/hint.js';
import {listScenarios} from '../../training/commands/list.js';
import {startExercise} from '../../training/commands/start.js';
import {summaryCommand} from '../../training/commands/summary.js';
import {verifyCommand} from '../../training/commands/verify.js';
import {UsageError} from '../args.js';
import type {CliContext} from '../context.js';

const usage = 'usage: azs-runbook train list | start SCENARIO --trainee NAME | hint STEP | why STEP | escalate STEP --to TEAM | inject SESSION CONDITION | clear SESSION [CONDITION] | conditions SESSION | summary [SESSION…] | verify [SCENARIO…]';

/**
`train`: training mode. Trainees walk the real runbook on a simulated site (the normal commands and
the TUI with --training); these subcommands start exercises and serve the trainee and the instructor.
*/
export async function trainCommand(context: CliContext): Promise<number> {
	switch (context.args.positionals[0]) {
		case 'list': {
			return listScenarios(context);
		}

		case 'start': {
			return startExercise(context);
		}

		case 'hint': {
			return hintCommand(context);
		}

		case 'why': {
			return whyCommand(context);
		}

		case 'escalate': {
			return escalateCommand(context);
		}

		case 'inject': {
			return injectCommand(context);
		}

		case 'clear': {
			return clearCommand(context);
		}

		case 'conditions': {
			return conditionsCommand(context);
		}

		case 'summary': {
			return summaryCommand(context);
		}

		case 'verify': {
			return verifyCommand(context);
		}

		default: {
			throw new UsageError(usage);
		}
	}
}
