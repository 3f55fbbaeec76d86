import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {AnswerFileError, answerFormatOf, parseAnswerFile} from '../../src/answers/answer-file.js';
import {exportAnswers} from '../../src/answers/export-answers.js';
import {importAnswers} from '../../src/answers/import-answers.js';
import {readJournal} from '../../src/store/journal.js';
import {repoRoot, tempDir} from '../helpers/paths.js';
import {driveFullSession, openDriven} from '../journal/drive-session.js';

const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'reports', name);

function load(file: string) {
	return parseAnswerFile(readFileSync(file, 'utf8'), answerFormatOf(file)!);
}

describe('answer-file import', () => {
	it('takes every value of a good file, through the same validation as typed input', () => {
		const {opened} = openDriven({stateDir: tempDir()});
		const outcome = importAnswers(opened.controller, load(fixture('answers-good.yaml')));
		expect(outcome.taken).toEqual([
			{name: 'dns_forwarders', value: ['10.0.0.53', '10.0.1.53'], warnings: []},
			{name: 'service_port', value: '443', warnings: []},
		]);
		expect(outcome.refused).toEqual([]);
		expect(outcome.missing).toEqual([]);
		expect(opened.controller.session.inputs.service_port?.value).toBe('443');
		// Each value is its own journalled action, stamped like a typed one.
		const sets = readJournal(opened.store.paths.journal).entries.filter(entry => entry.action.type === 'input.set');
		expect(sets.map(entry => entry.action.by)).toEqual(['alice', 'alice']);
		opened.store.close();
	});

	it('refuses every bad value with its reason, and says what is still missing', () => {
		const {opened} = openDriven({stateDir: tempDir()});
		const outcome = importAnswers(opened.controller, load(fixture('answers-bad.json')));
		expect(outcome.taken).toEqual([]);
		expect(outcome.refused).toEqual([
			{name: 'dns_forwarder', value: '10.0.0.53', reason: expect.stringMatching(/^unknown input \(did you mean "dns_forwarders"\?\); inputs: dns_forwarders, service_port$/)},
			{name: 'dns_forwarders', value: ['10.0.0.300'], reason: 'DNS forwarders: "10.0.0.300" is not an IPv4 address'},
			{name: 'service_port', value: 'https', reason: 'Service port: must be a port number'},
		]);
		expect(outcome.missing.map(missing => missing.name)).toEqual(['dns_forwarders', 'service_port']);
		expect(opened.controller.session.inputs).toEqual({});
		opened.store.close();
	});

	it('takes the good values of a partial file; a refusal does not stop the others', () => {
		const {opened} = openDriven({stateDir: tempDir()});
		const outcome = importAnswers(opened.controller, load(fixture('answers-partial.yaml')));
		expect(outcome.taken).toEqual([{name: 'dns_forwarders', value: ['10.0.0.53', '10.0.1.53'], warnings: []}]);
		expect(outcome.refused).toEqual([{name: 'service_port', value: {port: 443}, reason: 'Service port: must be a value or a list, not a mapping'}]);
		expect(outcome.missing).toEqual([{name: 'service_port', title: 'Service port', phaseTitle: 'Setup'}]);
		opened.store.close();
	});

	it('passes warnings on, as typed input does', () => {
		const {opened} = openDriven({stateDir: tempDir()});
		const outcome = importAnswers(opened.controller, {values: {dns_forwarders: '10.0.0.53'}});
		expect(outcome.taken[0]?.warnings).toEqual(['only 1 given; 2 are recommended for fault tolerance']);
		opened.store.close();
	});

	it('refuses a new value for a frozen input with the unfreeze hint; the same value is unchanged', async () => {
		const stateDir = tempDir();
		await driveFullSession({stateDir});
		const {opened} = openDriven({stateDir});
		expect(opened.controller.session.inputs.dns_forwarders?.frozen).toBe(true);
		const outcome = importAnswers(opened.controller, {values: {dns_forwarders: ['10.0.0.53', '10.0.9.53'], service_port: '443'}});
		expect(outcome.refused).toEqual([{
			name: 'dns_forwarders',
			value: ['10.0.0.53', '10.0.9.53'],
			reason: 'frozen since 2026-01-05T08:50:00.000Z (value 10.0.0.53, 10.0.2.53); to change it, first unfreeze it',
			command: ['unfreeze', 'dns_forwarders', '--reason', '…'],
		}]);
		expect(outcome.unchanged).toEqual(['service_port']);
		expect(importAnswers(opened.controller, {values: {dns_forwarders: '10.0.0.53,10.0.2.53'}}).unchanged).toEqual(['dns_forwarders']);
		opened.store.close();
	});

	it('round-trips: what export writes (YAML and JSON), import takes back', async () => {
		const stateDir = tempDir();
		const {loaded} = await driveFullSession({stateDir});
		const {opened: source} = openDriven({stateDir});
		for (const format of ['yaml', 'json'] as const) {
			const file = path.join(tempDir(), `answers.${format}`);
			writeFileSync(file, exportAnswers(loaded.runbook, source.controller.session, format, '2026-01-05T12:00:00.000Z'));
			const {opened: target} = openDriven({stateDir: tempDir()});
			const outcome = importAnswers(target.controller, load(file));
			expect(outcome.refused, format).toEqual([]);
			expect(outcome.taken.map(taken => [taken.name, taken.value])).toEqual([['dns_forwarders', ['10.0.0.53', '10.0.2.53']], ['service_port', '443']]);
			target.store.close();
		}

		source.store.close();
	});

	it('exports YAML as a worksheet: every input in order, missing ones commented out', () => {
		const {opened, loaded} = openDriven({stateDir: tempDir()});
		opened.controller.dispatch({type: 'input.set', name: 'dns_forwarders', value: ['10.0.0.53', '10.0.1.53']});
		const text = exportAnswers(loaded.runbook, opened.controller.session, 'yaml', '2026-01-05T12:00:00.000Z');
		opened.store.close();
		expect(text.split('\n').slice(3)).toEqual([
			'answerFileVersion: 1',
			'runbook: mini',
			'inputs:',
			'  # --- Setup',
			'  # DNS forwarders (ipv4-list, frozen when its phase completes)',
			'  dns_forwarders: [ 10.0.0.53, 10.0.1.53 ]',
			'  # Service port (text)',
			'  # service_port:',
			'',
		]);
	});

	it('names a file it cannot read at all, and says DeploymentData.json fields are not mapped', () => {
		expect(() => parseAnswerFile('inputs: [1, 2', 'yaml')).toThrow(AnswerFileError);
		expect(() => parseAnswerFile('[1, 2]', 'json')).toThrow('the file must hold a mapping of input names to values');
		expect(() => parseAnswerFile('a: 1\na: 2\n', 'yaml')).toThrow(/not valid YAML: Map keys must be unique/);
		expect(answerFormatOf('worksheet.xlsx')).toBeUndefined();

		const {opened} = openDriven({stateDir: tempDir()});
		const outcome = importAnswers(opened.controller, {values: {DNSForwarder: ['10.0.0.53']}}, '/tmp/DeploymentData.json');
		expect(outcome.notes.join('\n')).toMatch(/DeploymentData\.json: its field names are not publicly documented/);
		expect(outcome.refused.map(refused => refused.name)).toEqual(['DNSForwarder']);
		opened.store.close();
	});
});

describe('answer files from training sessions', () => {
	it('say so, and importing one into a real session warns', () => {
		const {opened} = openDriven({stateDir: tempDir()});
		opened.controller.dispatch({type: 'input.set', name: 'service_port', value: '443'});
		const exported = exportAnswers(opened.controller.loaded.runbook, {...opened.controller.session, training: {scenario: 'dns-tcp-blocked', trainee: 'alex'}}, 'yaml', '2026-01-05T08:00:00.000Z');
		expect(exported).toContain('training: "scenario dns-tcp-blocked, trainee alex"');
		const parsed = parseAnswerFile(exported, 'yaml');
		expect(parsed.training).toBe('scenario dns-tcp-blocked, trainee alex');
		const outcome = importAnswers(opened.controller, parsed);
		expect(outcome.notes).toContain('warning: this file was exported from a training session (scenario dns-tcp-blocked, trainee alex); its values are a scenario\'s, not this site\'s');
		const real = exportAnswers(opened.controller.loaded.runbook, opened.controller.session, 'json', '2026-01-05T08:00:00.000Z');
		expect(parseAnswerFile(real, 'json').training).toBeUndefined();
		opened.store.close();
	});
});
