import {describe, expect, it} from 'vitest';
import {formatPath, formatProblem, sortProblems, StepFileError, type StepFileProblem} from '../../src/runbook/load-errors.js';
import {endpointList, expectProblems, loadText, validRunbook} from './step-file-helpers.js';

const at = (file: string, line: number, column: number, message = 'm'): StepFileProblem => ({file, line, column, path: 'p', message});

describe('problem lines', () => {
	it('read file:line:col: path: message', () => {
		const line = formatProblem({file: 'steps/x.yaml', line: 12, column: 7, path: 'phases[3].steps[1].check', message: 'unknown check "tcp.conect"'});
		expect(line).toBe('steps/x.yaml:12:7: phases[3].steps[1].check: unknown check "tcp.conect"');
	});

	it('leave out the path when there is none (syntax errors, unreadable files)', () => {
		expect(formatProblem({file: 'x.yaml', line: 1, column: 1, path: '', message: 'the file is empty'})).toBe('x.yaml:1:1: the file is empty');
	});

	it('build paths the way the schema names them', () => {
		expect(formatPath(['phases', 3, 'steps', 1, 'check'])).toBe('phases[3].steps[1].check');
		expect(formatPath(['endpointLists', 'selectBy'])).toBe('endpointLists.selectBy');
		expect(formatPath([])).toBe('');
	});

	it('make up the error message, one line per problem', () => {
		const text = validRunbook.replace('check: tcp.connect', 'check: tcp.conect').replace('  - id: second', '  - id: first');
		let caught: unknown;
		try {
			loadText(text, {'pub.yaml': endpointList});
		} catch (error) {
			caught = error;
		}

		expect(caught).toBeInstanceOf(StepFileError);
		const error = caught as StepFileError;
		expect(error.problems).toHaveLength(2);
		expect(error.message.split('\n')).toEqual(error.problems.map(problem => formatProblem(problem)));
		for (const line of error.message.split('\n')) {
			expect(line).toMatch(/^runbook\.yaml:\d+:\d+: [\w[\].$]+: .+$/);
		}
	});
});

describe('problem order', () => {
	it('is by line and column within a file, whatever order the validators found them in', () => {
		const text = validRunbook
			.replace('selectBy: cloud', 'selectBy: net') // line 6, reported last by the reference validator
			.replace('check: tcp.connect', 'check: tcp.conect') // line 32
			.replace('{host: example.com, port: 443}', '{host: {$input: hots}, port: 443}') // line 33
			.replace('      - id: host', '      - id: probe'); // line 46, reported first
		const problems = expectProblems(() => loadText(text, {'pub.yaml': endpointList}));
		expect(problems.map(problem => problem.line)).toEqual([6, 32, 33, 46]);
	});

	it('keeps each file together, files in the order they first appear', () => {
		const text = validRunbook.replace('      - id: host', '      - id: probe');
		const list = endpointList.replace("listDate: '2022-01-10'", 'listDate: 2022-1-10');
		const problems = expectProblems(() => loadText(text, {'pub.yaml': list}));
		expect(problems.map(problem => `${problem.file}:${problem.line}`)).toEqual(['pub.yaml:4', 'runbook.yaml:46']);
	});

	it('sorts columns on the same line and keeps ties stable', () => {
		const sorted = sortProblems([at('a', 3, 9, 'second'), at('a', 3, 2), at('b', 1, 1), at('a', 1, 5), at('a', 3, 9, 'third')]);
		expect(sorted.map(problem => `${problem.file}:${problem.line}:${problem.column}:${problem.message}`))
			.toEqual(['a:1:5:m', 'a:3:2:m', 'a:3:9:second', 'a:3:9:third', 'b:1:1:m']);
	});

	it('StepFileError exposes the sorted problems', () => {
		const error = new StepFileError([at('a', 9, 1), at('a', 2, 1)]);
		expect(error.problems.map(problem => problem.line)).toEqual([2, 9]);
		expect(error.message).toBe('a:2:1: p: m\na:9:1: p: m');
		expect(error.name).toBe('StepFileError');
	});
});
