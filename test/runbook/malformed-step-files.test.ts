import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {StepFileProblem} from '../../src/runbook/load-errors.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {endpointList, expectProblems, loadText, problemsOf, validRunbook, writeFiles} from './step-file-helpers.js';

/** Replaces one exact piece of the valid runbook, failing loudly when it is not there. */
function edit(text: string, from: string, to: string): string {
	if (!text.includes(from)) {
		throw new Error(`test fixture does not contain ${JSON.stringify(from)}`);
	}

	return text.replace(from, to);
}

const withList = {'pub.yaml': endpointList};

function runbookProblems(text: string, list = endpointList): StepFileProblem[] {
	return problemsOf(text, {'pub.yaml': list});
}

function problem(line: number, column: number, problemPath: string, message: string, file = 'runbook.yaml'): StepFileProblem {
	return {file, line, column, path: problemPath, message};
}

describe('the valid fixture', () => {
	it('loads, so every case below fails for its own reason', () => {
		const loaded = loadText(validRunbook, withList);
		expect(loaded.runbook.phases.map(phase => phase.id)).toEqual(['first', 'second']);
		expect(Object.keys(loaded.endpointLists)).toEqual(['AzureCloud']);
	});
});

describe('malformed step files name the file, line, column, path and problem', () => {
	const cases: Array<{name: string; text: string; list?: string; expected: StepFileProblem; only?: boolean}> = [
		{
			name: 'unknown step key, with did-you-mean',
			text: edit(validRunbook, '        title: Probe', '        tittle: Probe'),
			expected: problem(34, 9, 'phases[0].steps[2].tittle', 'unknown key "tittle" (did you mean "title"?)'),
		},
		{
			name: 'unknown top-level key, with did-you-mean',
			text: edit(validRunbook, 'description:', 'descripton:'),
			expected: problem(4, 1, 'descripton', 'unknown key "descripton" (did you mean "description"?)'),
		},
		{
			name: 'unknown input rule, with did-you-mean',
			text: edit(validRunbook, '          noOverlapWith: [net2]', '          noOverlapsWith: [net2]'),
			expected: problem(27, 11, 'phases[0].steps[1].rules.noOverlapsWith', 'unknown key "noOverlapsWith" (did you mean "noOverlapWith"?)'),
			only: true,
		},
		{
			name: 'missing required field (points at the step that lacks it)',
			text: edit(validRunbook, '        body: Probe it.\n', ''),
			expected: problem(30, 9, 'phases[0].steps[2].body', 'missing required field (expected string)'),
			only: true,
		},
		{
			name: 'missing top-level field',
			text: edit(validRunbook, "version: '1'\n", ''),
			expected: problem(1, 1, 'version', 'missing required field (expected string)'),
			only: true,
		},
		{
			name: 'wrong type: a number where a string belongs',
			text: edit(validRunbook, '        title: Probe', '        title: 42'),
			expected: problem(34, 16, 'phases[0].steps[2].title', 'expected string'),
			only: true,
		},
		{
			name: 'wrong type: "yes" is a string in YAML 1.2, not a boolean',
			text: edit(validRunbook, '        title: Probe', '        blocking: yes\n        title: Probe'),
			expected: problem(34, 19, 'phases[0].steps[2].blocking', 'expected boolean'),
			only: true,
		},
		{
			name: 'unknown step kind',
			text: edit(validRunbook, 'kind: check', 'kind: wait'),
			expected: problem(31, 15, 'phases[0].steps[2].kind', 'unknown or missing step kind: expected one of instruction, input, confirm, check, command'),
			only: true,
		},
		{
			name: 'unknown input type',
			text: edit(validRunbook, 'type: ipv4', 'type: ip'),
			expected: problem(49, 15, 'phases[1].steps[1].type', 'Invalid option: expected one of "ipv4"|"ipv4-list"|"cidr"|"cidr-list"|"fqdn"|"ipv4-or-fqdn"|"region"|"enum"|"text"'),
			only: true,
		},
		{
			name: 'id with capitals',
			text: edit(validRunbook, '  - id: first', '  - id: First'),
			expected: problem(10, 9, 'phases[0].id', 'must be lower-case letters, digits, "-", "_" or "." and start with a letter'),
			only: true,
		},
		{
			name: 'duplicate step id',
			text: edit(validRunbook, '      - id: host', '      - id: probe'),
			expected: problem(46, 13, 'phases[1].steps[1].id', 'duplicate step id "probe" (first used at phases[0].steps[2])'),
			only: true,
		},
		{
			name: 'duplicate phase id',
			text: edit(validRunbook, '  - id: second', '  - id: first'),
			expected: problem(36, 9, 'phases[1].id', 'duplicate phase id "first"'),
			only: true,
		},
		{
			name: 'duplicate input name',
			text: edit(validRunbook, '        name: host', '        name: net'),
			expected: problem(48, 15, 'phases[1].steps[1].name', 'duplicate input name "net"'),
			only: true,
		},
		{
			name: 'reference to an unknown input, with did-you-mean',
			text: edit(validRunbook, 'params: {host: example.com, port: 443}', 'params: {host: {$input: hots}, port: 443}'),
			expected: problem(33, 33, 'phases[0].steps[2].params.host.$input', 'reference to unknown input "hots" (did you mean "host"?)'),
			only: true,
		},
		{
			name: 'reference to an input of a later phase',
			text: edit(validRunbook, 'params: {host: example.com, port: 443}', 'params: {host: {$input: host}, port: 443}'),
			expected: problem(33, 33, 'phases[0].steps[2].params.host.$input', 'input "host" is entered in a later phase (second); move the input earlier'),
			only: true,
		},
		{
			name: 'unknown check, with did-you-mean',
			text: edit(validRunbook, 'check: tcp.connect', 'check: tcp.conect'),
			expected: problem(32, 16, 'phases[0].steps[2].check', 'unknown check "tcp.conect" (did you mean "tcp.connect"?)'),
			only: true,
		},
		{
			name: 'unknown check parameter, with did-you-mean',
			text: edit(validRunbook, '{host: example.com, port: 443}', '{hots: example.com, port: 443}'),
			expected: problem(33, 24, 'phases[0].steps[2].params.hots', 'check "tcp.connect" has no parameter "hots" (did you mean "host"?)'),
			only: true,
		},
		{
			name: 'enum input without options',
			text: edit(validRunbook, '        rules:\n          options: [AzureCloud]\n', ''),
			expected: problem(17, 15, 'phases[0].steps[0].type', 'an enum input needs rules.options'),
			only: true,
		},
		{
			name: 'bad ttl format',
			text: edit(validRunbook, '        title: Probe', '        ttl: 12 hours\n        title: Probe'),
			expected: problem(34, 14, 'phases[0].steps[2].ttl', 'must be seconds or a number followed by s, m, h or d (e.g. "12h")'),
			only: true,
		},
		{
			name: 'duplicate YAML key',
			text: edit(validRunbook, '        title: Probe\n', '        title: Probe\n        title: Again\n'),
			expected: problem(35, 9, '', 'YAML duplicate key: Map keys must be unique'),
			only: true,
		},
		{
			name: 'endpointLists.selectBy names an input that is not an enum',
			text: edit(validRunbook, 'selectBy: cloud', 'selectBy: net'),
			expected: problem(6, 13, 'endpointLists.selectBy', 'input "net" is a cidr; selectBy must name an enum input'),
			only: true,
		},
		{
			name: 'endpointLists.selectBy names no input, with did-you-mean among enums',
			text: edit(validRunbook, 'selectBy: cloud', 'selectBy: clod'),
			expected: problem(6, 13, 'endpointLists.selectBy', 'unknown input "clod"; selectBy must name an enum input (did you mean "cloud"?)'),
			only: true,
		},
		{
			name: '$endpoints with an unknown category, with did-you-mean',
			text: edit(validRunbook, 'params: {host: example.com, port: 443}', 'params: {host: {$endpoints: identiy}, port: 443}'),
			expected: problem(33, 37, 'phases[0].steps[2].params.host.$endpoints', 'no endpoint list has category "identiy" (did you mean "identity"?)'),
			only: true,
		},
		{
			name: '$endpoints without endpointLists',
			text: edit(
				edit(validRunbook, 'endpointLists:\n  selectBy: cloud\n  lists:\n    AzureCloud: pub.yaml\n', ''),
				'params: {host: example.com, port: 443}',
				'params: {host: {$endpoints: identity}, port: 443}',
			),
			expected: problem(29, 37, 'phases[0].steps[2].params.host.$endpoints', 'endpoint references need endpointLists at the top of the runbook'),
			only: true,
		},
		{
			name: 'noOverlapWith names an unknown input, with did-you-mean',
			text: edit(validRunbook, 'noOverlapWith: [net2]', 'noOverlapWith: [nett2]'),
			expected: problem(27, 27, 'phases[0].steps[1].rules.noOverlapWith[0]', 'unknown input "nett2" (did you mean "net2"?)'),
			only: true,
		},
		{
			name: 'noOverlapWith names an input that is not a network',
			text: edit(validRunbook, 'noOverlapWith: [net2]', 'noOverlapWith: [cloud]'),
			expected: problem(27, 27, 'phases[0].steps[1].rules.noOverlapWith[0]', 'input "cloud" is an enum, not a network (cidr or cidr-list)'),
			only: true,
		},
		{
			name: 'hostIn names an input that is not one network',
			text: edit(validRunbook, 'noOverlapWith: [net2]', 'hostIn: cloud'),
			expected: problem(27, 19, 'phases[0].steps[1].rules.hostIn', 'input "cloud" is an enum, not a network (cidr)'),
			only: true,
		},
		{
			name: 'differentFrom names an unknown input, with did-you-mean',
			text: edit(validRunbook, 'noOverlapWith: [net2]', 'differentFrom: [nett2]'),
			expected: problem(27, 27, 'phases[0].steps[1].rules.differentFrom[0]', 'unknown input "nett2" (did you mean "net2"?)'),
			only: true,
		},
		{
			name: 'endpoint list with a bad date',
			text: validRunbook,
			list: edit(endpointList, "listDate: '2022-01-10'", 'listDate: 10/01/2022'),
			expected: problem(4, 11, 'listDate', 'must be a date like 2022-01-10', 'pub.yaml'),
			only: true,
		},
		{
			name: 'endpoint list with an unknown key, with did-you-mean',
			text: validRunbook,
			list: edit(endpointList, '    atDeploy: true', '    atDeploy: true\n    sample: [x.example.com]'),
			expected: problem(13, 5, 'endpoints[0].sample', 'unknown key "sample" (did you mean "samples"?)', 'pub.yaml'),
			only: true,
		},
		{
			name: 'endpoint list with a port out of range',
			text: validRunbook,
			list: edit(endpointList, 'ports: [443]', 'ports: [70000]'),
			expected: problem(7, 13, 'endpoints[0].ports[0]', 'Too big: expected number to be <=65535', 'pub.yaml'),
			only: true,
		},
		{
			name: 'endpoint list file that does not exist (no follow-on category errors)',
			text: edit(
				edit(validRunbook, 'AzureCloud: pub.yaml', 'AzureCloud: nope.yaml'),
				'params: {host: example.com, port: 443}',
				'params: {host: {$endpoints: identity}, port: 443}',
			),
			expected: problem(1, 1, '', 'cannot read the file (ENOENT)', 'nope.yaml'),
			only: true,
		},
		{
			name: 'command with an empty argv',
			text: edit(
				validRunbook,
				'        kind: check\n        check: tcp.connect\n        params: {host: example.com, port: 443}\n',
				'        kind: command\n        argv: []\n',
			),
			expected: problem(32, 15, 'phases[0].steps[2].argv', 'Too small: expected array to have >=1 items'),
			only: true,
		},
	];

	it('has at least twenty cases', () => {
		expect(cases.length).toBeGreaterThanOrEqual(20);
	});

	it.each(cases)('$name', ({text, list, expected, only}) => {
		const problems = runbookProblems(text, list);
		if (only) {
			expect(problems).toEqual([expected]);
		} else {
			expect(problems).toContainEqual(expected);
		}
	});
});

describe('problems that stop parsing', () => {
	it('unknown check that is not registered yet: still refused, suggestion only when one is close', () => {
		const problems = runbookProblems(edit(validRunbook, 'check: tcp.connect', 'check: dns.forwrder'));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({file: 'runbook.yaml', line: 32, column: 16, path: 'phases[0].steps[2].check'});
		expect(problems[0]!.message).toMatch(/^unknown check "dns\.forwrder"/);
	});

	it('YAML syntax error: located, prefixed, and nothing else is reported', () => {
		const problems = runbookProblems(edit(validRunbook, '        title: Probe', '        title: [Probe'));
		expect(problems.length).toBeGreaterThanOrEqual(1);
		expect(problems[0]!.file).toBe('runbook.yaml');
		expect(problems[0]!.line).toBeGreaterThanOrEqual(34);
		expect(problems[0]!.message).toMatch(/^YAML syntax error: /);
		expect(problems.every(each => each.message.startsWith('YAML '))).toBe(true);
	});

	it('YAML syntax error: a tab used for indentation', () => {
		const problems = runbookProblems(edit(validRunbook, '        title: Probe', '\ttitle: Probe'));
		expect(problems[0]).toMatchObject({file: 'runbook.yaml', line: 34, path: ''});
		expect(problems[0]!.message).toMatch(/^YAML syntax error: /);
	});

	it('empty file', () => {
		expect(runbookProblems('')).toEqual([problem(1, 1, '', 'the file is empty')]);
	});

	it('a file with only comments is empty too', () => {
		expect(runbookProblems('# nothing here yet\n')).toEqual([problem(1, 1, '', 'the file is empty')]);
	});

	it('a file that is a list, not a runbook', () => {
		const problems = runbookProblems('- id: x\n');
		expect(problems[0]).toMatchObject({file: 'runbook.yaml', line: 1, column: 1, message: 'expected object'});
	});

	it('missing file', () => {
		const dir = writeFiles({});
		const problems = expectProblems(() => loadRunbook(path.join(dir, 'missing.yaml'), 'missing.yaml'));
		expect(problems).toEqual([problem(1, 1, '', 'cannot read the file (ENOENT)', 'missing.yaml')]);
	});
});
