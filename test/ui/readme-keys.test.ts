import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {keySections, trainingStepKeys} from '../../src/ui/view/help-lines.js';
import {repoRoot} from '../helpers/paths.js';

/** The README's key table is the help screen's, row for row: neither may drift from the program. */
describe('README key table', () => {
	it('lists every key the help screen lists, and no other', () => {
		const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
		const cell = (text: string) => text.replaceAll('|', String.raw`\|`);
		const expected = [
			...keySections.flatMap(([where, keys]) => keys.map(([key, what]) => `| ${where} | \`${cell(key)}\` | ${cell(what)} |`)),
			...trainingStepKeys.map(([key, what]) => `| A step (training) | \`${cell(key)}\` | ${cell(what)} |`),
		];
		const start = readme.indexOf('| Where | Key | What it does |');
		expect(start).toBeGreaterThan(-1);
		const table = readme.slice(start).split('\n').slice(2).filter((line, index, lines) => lines.slice(0, index + 1).every(row => row.startsWith('|')));
		expect(table).toEqual(expected);
	});
});
