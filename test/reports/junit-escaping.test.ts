import {describe, expect, it} from 'vitest';
import type {CheckResult} from '../../src/checks/types.js';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {buildReport} from '../../src/reports/build-report.js';
import {renderJunit} from '../../src/reports/render-junit.js';
import {renderMarkdown} from '../../src/reports/render-markdown.js';
import {tempDir} from '../helpers/paths.js';
import {openDriven} from '../journal/drive-session.js';
import {elements, generatedAt, parseXml, schemaErrors} from './report-fixtures.js';

// What a hostile DNS answer, certificate name or command could put into a result.
const hostile = 'quote " apostrophe \' <b>tag</b> & ]]> --> line\nbreak\ttab \u0007bell \u0000nul \u001b[31mansi\u001b[0m \ud800lone \uffff';

describe('JUnit with hostile text', () => {
	it('stays well formed, and what XML can carry comes back unchanged', () => {
		const stateDir = tempDir();
		const {opened, loaded, clock} = openDriven({stateDir});
		const result: CheckResult = {
			checkId: 'tcp.connect',
			status: 'fail',
			summary: hostile,
			remediation: hostile,
			evidence: [{target: hostile, kind: 'tcp', ok: false, durationMs: 1, errorCode: 'ECONNREFUSED'}],
			startedAt: clock.now().toISOString(),
			durationMs: 1,
			vantage: {host: 'test-host', localAddresses: []},
		};
		opened.controller.dispatch({type: 'check.finished', stepId: 'port-open', result, ttlSeconds: 60, usedInputs: []});
		opened.controller.dispatch({
			type: 'command.finished',
			stepId: 'echo-dns',
			command: {argv: ['node', hostile], exitCode: 3, output: hostile, truncated: false, startedAt: clock.now().toISOString(), durationMs: 1, host: 'test-host'},
			state: 'failed',
			ttlSeconds: 60,
			usedInputs: [],
		});
		opened.store.close();
		const read = readSessionReadOnly(stateDir, 'site-a', loaded.runbook)!;
		const report = buildReport(loaded, read.session, read.journal, {generatedAt});

		expect(schemaErrors(report)).toEqual([]);
		const root = parseXml(renderJunit(report));
		const failures = elements(root, 'failure');
		expect(failures).toHaveLength(2);
		// Control characters, a lone surrogate and U+FFFF cannot be in XML 1.0: they become U+FFFD.
		const carried = ['\u0000', '\u0007', '\u001b', '\ud800', '\uffff'].reduce((text, character) => text.replaceAll(character, '\uFFFD'), hostile);
		expect(failures[0]!.attributes.message).toBe(carried);
		expect(failures[0]!.text).toContain(`Remediation: ${carried}`);
		expect(failures[1]!.attributes.message).toBe('exit code 3');
		expect(failures[1]!.text).toContain(`Output:\n${carried}`);

		// Markdown renders it as text: no raw tag, no HTML comment end.
		const markdown = renderMarkdown(report);
		// Outside code spans and fenced blocks (which render literally) nothing is raw.
		const prose = markdown.replaceAll(/^( *)(`{3,})text\n[\s\S]*?\n\1\2$/gm, '').replaceAll(/(`+).*?\1/g, '');
		expect(prose).not.toContain('<b>');
		expect(markdown).toContain('\\<b\\>tag\\</b\\>');
	});
});
