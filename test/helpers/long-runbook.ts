import {writeFileSync} from 'node:fs';
import path from 'node:path';

/** The id of the n-th (1-based) instruction step of the long runbook. */
export function longStepId(n: number): string {
	return `s${String(n).padStart(4, '0')}`;
}

/**
Writes a runbook of `stepCount` instruction steps in one phase, plus a free-text input, so a test can
make many transitions (each acknowledgement is one) and watch the state grow with them.
*/
export function writeLongRunbook(dir: string, stepCount: number): string {
	const file = path.join(dir, 'long.yaml');
	const steps = Array.from({length: stepCount}, (_, index) => {
		const id = longStepId(index + 1);
		return `      - {kind: instruction, id: ${id}, title: Step ${id}, body: Do ${id}.}`;
	});
	writeFileSync(file, [
		'id: long', 'title: Long', 'version: "1"', 'description: many transitions', 'phases:',
		'  - id: only', '    title: Only', '    body: b', '    steps:',
		...steps,
		'      - {kind: input, id: enter-note, title: Note, body: A note., name: note, type: text}',
		'',
	].join('\n'));
	return file;
}
