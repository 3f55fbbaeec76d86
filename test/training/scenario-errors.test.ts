import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {StepFileError} from '../../src/runbook/load-errors.js';
import {parseCondition, parseScenario} from '../../src/training/load-scenario.js';
import {embeddedRunbook, shipped} from './helpers.js';

const {runbook} = embeddedRunbook();
const healthy = readFileSync(shipped('healthy-site').file, 'utf8');

/** The problems of a scenario text, as `file:line:col: path: message` lines. */
function problemsOf(text: string): string[] {
	try {
		parseScenario(text, runbook, 'drill.yaml');
	} catch (error) {
		if (error instanceof StepFileError) {
			return error.message.split('\n');
		}

		throw error;
	}

	return [];
}

/** The line (1-based) of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
	return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('scenario files with mistakes', () => {
	it('the shipped healthy scenario parses (the base of the cases below)', () => {
		expect(problemsOf(healthy)).toEqual([]);
	});

	it('an unknown condition key is located and a near key suggested', () => {
		const text = `${healthy}faults:\n  broken:\n    dnss:\n      - {server: 10.50.10.50, behaviour: refused}\n`;
		expect(problemsOf(text)).toEqual([`drill.yaml:${lineOf(text, 'dnss')}:5: faults.broken.dnss: unknown key "dnss" (did you mean "dns"?)`]);
	});

	it('an unknown behaviour names the allowed ones at its line', () => {
		const text = `${healthy}faults:\n  broken:\n    dns:\n      - {server: 10.50.10.50, behaviour: refuse}\n`;
		const [problem] = problemsOf(text);
		expect(problem).toMatch(new RegExp(`^drill\\.yaml:${lineOf(text, 'behaviour: refuse')}:\\d+: faults\\.broken\\.dns\\[0\\]\\.behaviour: .*"refused"`));
	});

	it('an unknown step id in the expectations is located, with a suggestion; a step that is no check is refused', () => {
		const text = healthy.replace('expect: {}', 'expect:\n  egress-dns-forwarder: fail\n  dns-forwarders: warn\n');
		expect(problemsOf(text)).toEqual([
			`drill.yaml:${lineOf(text, 'egress-dns-forwarder:')}:3: expect.egress-dns-forwarder: unknown step "egress-dns-forwarder" (did you mean "egress-dns-forwarders"?)`,
			`drill.yaml:${lineOf(text, '  dns-forwarders: warn')}:3: expect.dns-forwarders: "dns-forwarders" is an input step, not a check step`,
		]);
	});

	it('worksheet values go through the runbook\'s input validation, and unknown inputs are named', () => {
		const text = healthy.replace('time_server: 10.50.10.123', 'time_server: 10.50.10.123, 10.50.10.124').replace('region: east', 'region: east\n  regoin: west');
		const problems = problemsOf(text);
		expect(problems).toContain(`drill.yaml:${lineOf(text, 'regoin')}:3: worksheet.regoin: unknown input "regoin" (did you mean "region"?)`);
		expect(problems.find(problem => problem.includes('worksheet.time_server'))).toMatch(new RegExp(`^drill\\.yaml:${lineOf(text, 'time_server: 10.50.10.123,')}:\\d+: worksheet\\.time_server: Time server \\(NTP\\) must be exactly one address; 2 were given`));
	});

	it('an interception without the inspecting CA, an unknown vantage and a bad address are each located', () => {
		const text = `${healthy}faults:\n  proxy:\n    tls:\n      - {host: '*', certificate: intercepted}\n    flows:\n      - {from: Laptop, action: drop}\n    ntp:\n      - {server: time.example, offsetSeconds: 60}\n`;
		const problems = problemsOf(text);
		expect(problems).toHaveLength(2);
		expect(problems[0]).toMatch(new RegExp(`^drill\\.yaml:${lineOf(text, 'from: Laptop')}:\\d+: faults\\.proxy\\.flows\\[0\\]\\.from: .*"DVM"`));
		expect(problems[1]).toMatch(new RegExp(`^drill\\.yaml:${lineOf(text, 'server: time.example')}:\\d+: faults\\.proxy\\.ntp\\[0\\]\\.server: must be an IPv4 address`));
		// The schema problems come first; once they are fixed, the missing issuer is reported at its line.
		const fixed = text.replace('from: Laptop', 'from: HLH').replace('server: time.example', 'server: 10.50.10.123');
		const [missingIssuer, ...others] = problemsOf(fixed);
		expect(others).toEqual([]);
		expect(missingIssuer).toMatch(new RegExp(`^drill\\.yaml:${lineOf(fixed, 'certificate: intercepted')}:\\d+: faults\\.proxy\\.tls\\[0\\]\\.certificate: an intercepted certificate names the inspecting CA: add issuer: "<CA name>"$`));
	});

	it('a YAML syntax error is located like in a step file', () => {
		const [problem] = problemsOf(`${healthy}expect: [\n`);
		expect(problem).toMatch(/^drill\.yaml:\d+:\d+: YAML/);
	});

	it('an inline condition (train inject) is checked with the same schema', () => {
		expect(parseCondition('{flows: [{to: login.microsoftonline.com, port: 443, action: drop}]}').flows).toHaveLength(1);
		expect(() => parseCondition('{flow: [{to: x, action: drop}]}', 'command line')).toThrow('command line:1:2: flow: unknown key "flow" (did you mean "flows"?)');
	});
});
