import path from 'node:path';
import {embeddedRunbookPath} from '../../install/steps-dir.js';
import {loadRunbook} from '../../runbook/load-runbook.js';
import type {CliContext} from '../context.js';

/** `validate [FILE]`: exit 0 when the step file is valid; problems (file:line:col) raise exit 2. */
export async function validateCommand(context: CliContext): Promise<number> {
	const given = context.args.positionals[0] ?? context.args.runbook;
	const file = given ? path.resolve(given) : embeddedRunbookPath();
	const loaded = loadRunbook(file, given ?? path.join('steps', path.basename(file)));
	const steps = loaded.runbook.phases.reduce((count, phase) => count + phase.steps.length, 0);
	const lists = Object.values(loaded.endpointLists).map(list => `${list.id} (${list.endpoints.length} endpoints, ${list.listDate})`);
	context.out(`${given ?? 'embedded runbook'}: valid — ${loaded.runbook.id} v${loaded.runbook.version}, ${loaded.runbook.phases.length} phases, ${steps} steps${lists.length ? `; endpoint lists: ${lists.join(', ')}` : ''}`);
	return 0;
}
