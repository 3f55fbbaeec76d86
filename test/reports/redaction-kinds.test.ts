import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CheckResult} from '../../src/checks/types.js';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {buildReport} from '../../src/reports/build-report.js';
import {redactReport} from '../../src/reports/redact.js';
import {renderHandover} from '../../src/reports/render-handover.js';
import {renderJunit} from '../../src/reports/render-junit.js';
import {renderMarkdown} from '../../src/reports/render-markdown.js';
import {tempDir} from '../helpers/paths.js';
import {openDriven} from '../journal/drive-session.js';
import {generatedAt} from './report-fixtures.js';

/*
Redaction by kind: a realistic session full of what a site must not hand to support, most of it
NOT in the inputs (so a list of known values cannot catch it). Nothing of it may remain in any
format, while the published Microsoft endpoint names stay readable.
*/
const sensitive: Record<string, string[]> = {
	'session name': ['contoso-redmond-hlh01'],
	'operator names': ['jdoe', 'mallory.ops'],
	'e-mail local parts': ['jane.doe'],
	region: ['redmond'],
	'credentials in URLs': ['svc_deploy', 'P4ssw0rd!'],
	'password=, Authorization, JWT': ['Hunter2!', 'dG9wc2VjcmV0', 'eyJhbGciOiJIUzI1NiJ9'],
	'tenant and subscription GUIDs': ['72f988bf-86f1-41af-91ab-2d7cd011db47', 'a1b2c3d4-1111-2222-3333-444455556666'],
	'host names like HLH-01': ['HLH-01', 'AzS-DVM01', 'S1-TOR-2'],
	'DOMAIN\\user': ['CONTOSO\\', 'svc_azs'],
	'internal suffixes not in the inputs': ['dc01.contoso.lab', 'ca.fabrikam.intra', 'vault.site.priv', 'bmc1.corp', 'switch1.local', 'contoso'],
	'IPv4 in odd notations': ['010.000.000.053', '0x0a.0x00.0x00.0x35', '167772213'],
	'private addresses': ['10.0.0.53', '192.168.1.10', '172.16.5.4', 'fd00::1234'],
	'a customer name under a published wildcard': ['contosostorage'],
};
const readable = ['management.azure.com', 'login.microsoftonline.com', 'blob.core.windows.net'];

const runbook = `id: kinds
title: Kinds runbook
version: "1"
description: every kind of sensitive value
phases:
  - id: site
    title: Site
    body: b
    steps:
      - {kind: input, id: enter-region, title: Region, body: b, name: region, type: region}
      - {kind: input, id: enter-domain, title: External domain, body: b, name: external_domain, type: fqdn}
      - {kind: input, id: enter-notes, title: Notes, body: b, name: notes, type: text}
      - {kind: check, id: identity, title: Identity, body: b, check: tcp.connect, params: {host: 127.0.0.1, port: 1, timeoutMs: 500}}
`;

async function sessionFullOfSecrets() {
	const dir = tempDir();
	const file = path.join(dir, 'kinds.yaml');
	writeFileSync(file, runbook);
	const {opened, loaded, clock} = openDriven({stateDir: dir, runbookFile: file, name: 'contoso-redmond-hlh01'});
	const {controller} = opened;
	// The session was created by alice; jdoe enters the values (the operator is fixed per process in real use).
	(controller as unknown as {operator: string}).operator = 'jdoe';
	controller.dispatch({type: 'input.set', name: 'region', value: 'redmond'});
	controller.dispatch({type: 'input.set', name: 'external_domain', value: 'azs.contoso.com'});
	controller.dispatch({type: 'input.set', name: 'notes', value: 'call jane.doe@contoso.com; tenant 72f988bf-86f1-41af-91ab-2d7cd011db47'});
	clock.advance(60_000);
	const result: CheckResult = {
		checkId: 'tcp.connect',
		status: 'fail',
		summary: 'management.azure.com via https://svc_deploy:P4ssw0rd!@proxy.contoso.lab:8080/ failed from HLH-01 (10.0.0.53); portal.redmond.azs.contoso.com unreachable',
		remediation: 'Ask CONTOSO\\svc_azs to open 010.000.000.053 and 0x0a.0x00.0x00.0x35 (http://167772213/) for subscription a1b2c3d4-1111-2222-3333-444455556666 on AzS-DVM01 and S1-TOR-2',
		owner: 'firewall-team',
		evidence: [{
			target: 'tls://login.microsoftonline.com@192.168.1.10:443',
			kind: 'tls',
			ok: false,
			durationMs: 5,
			localAddress: '172.16.5.4',
			headers: 'Authorization: Basic dG9wc2VjcmV0\r\nX-Debug: password=Hunter2! token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2ln',
			names: ['dc01.contoso.lab', 'ca.fabrikam.intra', 'vault.site.priv', 'bmc1.corp', 'switch1.local', 'fd00::1234', 'contosostorage.blob.core.windows.net'],
		}],
		startedAt: clock.now().toISOString(),
		durationMs: 5,
		vantage: {host: 'AzS-DVM01', localAddresses: ['10.0.0.53']},
	};
	controller.dispatch({type: 'check.finished', stepId: 'identity', result, ttlSeconds: 3600, usedInputs: []});
	opened.store.close();
	// A second engineer overrides: another person in the record.
	const second = openDriven({stateDir: dir, runbookFile: file, name: 'contoso-redmond-hlh01'}, clock);
	(second.opened.controller as unknown as {operator: string}).operator = 'mallory.ops';
	second.opened.controller.dispatch({type: 'step.overridden', stepId: 'identity', reason: 'accepted by jdoe and jane.doe@contoso.com for HLH-01'});
	second.opened.store.close();
	const read = readSessionReadOnly(dir, 'contoso-redmond-hlh01', loaded.runbook)!;
	return buildReport(loaded, read.session, read.journal, {generatedAt});
}

describe('--redact by kind', () => {
	it('leaves nothing sensitive in JSON, Markdown, JUnit or the hand-over, and keeps Microsoft endpoints readable', async () => {
		const report = await sessionFullOfSecrets();
		const plain = JSON.stringify(report).replaceAll('\\\\', '\\');
		// Every value really is in the unredacted report, or the test proves nothing.
		expect(Object.values(sensitive).flat().filter(value => !plain.includes(value))).toEqual([]);

		const redacted = redactReport(report);
		const outputs = {
			json: JSON.stringify(redacted, null, 2).replaceAll('\\\\', '\\'),
			// Markdown escapes punctuation (svc\\_deploy): compare without the escapes.
			md: renderMarkdown(redacted).replaceAll(/\\(?=[\\`*_[\]<>|#!~])/g, ''),
			junit: renderJunit(redacted),
			handover: renderHandover(redacted, {resumeCommand: `azs-runbook --session ${redacted.session.name}`}).replaceAll(/\\(?=[\\`*_[\]<>|#!~])/g, ''),
		};
		const found: string[] = [];
		for (const [format, text] of Object.entries(outputs)) {
			for (const [kind, values] of Object.entries(sensitive)) {
				for (const value of values) {
					if (text.toLowerCase().includes(value.toLowerCase())) {
						found.push(`${format}: ${kind}: ${value}`);
					}
				}
			}

			// The summary names management.azure.com in every format; JSON carries all the evidence.
			for (const name of format === 'json' ? readable : ['management.azure.com']) {
				expect(text, `${format} keeps ${name}`).toContain(name);
			}
		}

		expect(found).toEqual([]);
		console.log(`redaction: ${Object.keys(sensitive).length} kinds, ${Object.values(sensitive).flat().length} values, 4 formats: 0 left; ${readable.length} Microsoft endpoint names kept`);
		expect(redacted.session.name).toMatch(/^SESSION-\d+$/);
		expect(outputs.json).toMatch(/CREDENTIAL-\d+@DOMAIN-\d+:8080/);
		expect(outputs.json).toMatch(/DOMAIN-\d+\.blob\.core\.windows\.net/);
		expect(outputs.json).toMatch(/DOMAIN-\d+\\USER-\d+/);
	});
});
