import {describe, expect, it} from 'vitest';
import {combineJudgements} from '../../src/checks/judge/verdict.js';
import {listWords, mergeRemediations} from '../../src/checks/judge/merge-remediations.js';

const exempt = (host: string) => `Exempt ${host} (port 443) from TLS inspection for 10.193.132.29: Azure Stack Hub does not support TLS interception.`;

describe('remediations that differ in one word', () => {
	it('become one sentence naming every host, in the order they came', () => {
		expect(mergeRemediations([exempt('login.microsoftonline.com'), exempt('graph.windows.net'), exempt('management.azure.com')])).toEqual([
			'Exempt login.microsoftonline.com, graph.windows.net and management.azure.com (port 443) from TLS inspection for 10.193.132.29: Azure Stack Hub does not support TLS interception.',
		]);
	});

	it('keep the punctuation around the word outside the list', () => {
		expect(mergeRemediations(['Allow TCP port 443 from 10.0.0.5 to a.example.', 'Allow TCP port 443 from 10.0.0.5 to b.example.'])).toEqual(['Allow TCP port 443 from 10.0.0.5 to a.example and b.example.']);
		expect(mergeRemediations(['Ask for (a.example) now', 'Ask for (b.example) now'])).toEqual(['Ask for (a.example and b.example) now']);
	});

	it('stay apart when they differ in more than one word, in punctuation, or span lines; duplicates go', () => {
		const apart = ['Allow TCP port 443 from 10.0.0.5 to a.example.', 'Allow UDP port 123 from 10.0.0.5 to a.example.'];
		expect(mergeRemediations(apart)).toEqual(apart);
		expect(mergeRemediations(['Fix it for a.example.', 'Fix it for b.example;'])).toEqual(['Fix it for a.example.', 'Fix it for b.example;']);
		// Where the host is what the sentence speaks of, a list would not read ("a and b is", "if it is not").
		const subject = (server: string) => `Check that ${server} is an Azure Stack Hub DNS address; if it is not, the delegation must name the right ones.`;
		expect(mergeRemediations([subject('203.0.113.8'), subject('203.0.113.9')])).toEqual([subject('203.0.113.8'), subject('203.0.113.9')]);
		// After "on", but the sentence goes on about the one server ("its", "it").
		const upstream = (server: string) => `Fix upstream resolution on ${server}: its own forwarders or internet DNS are failing for login.microsoftonline.com.`;
		expect(mergeRemediations([upstream('10.50.0.1'), upstream('10.50.0.2')])).toEqual([upstream('10.50.0.1'), upstream('10.50.0.2')]);
		const confirm = (host: string) => `Ask the OEM to confirm that TCP port 443 from 10.0.1.10 to ${host} is part of the design; if not, deny it in the switch ACL.`;
		expect(mergeRemediations([confirm('10.1.0.1'), confirm('10.1.0.2')])).toHaveLength(2);
		expect(mergeRemediations(['one\ntwo', 'one\nthree'])).toEqual(['one\ntwo', 'one\nthree']);
		expect(mergeRemediations([exempt('a.example'), exempt('a.example')])).toEqual([exempt('a.example')]);
	});

	it('list a name with its address as one item (a firewall dropping every endpoint)', () => {
		const allow = (host: string, address: string) => `Allow outbound TCP from 10.193.132.29 to ${host} (${address}) port 443.`;
		expect(mergeRemediations([allow('login.windows.net', '198.19.68.251'), allow('graph.windows.net', '198.18.122.131'), allow('management.azure.com', '198.19.226.130')])).toEqual([
			'Allow outbound TCP from 10.193.132.29 to login.windows.net (198.19.68.251), graph.windows.net (198.18.122.131) and management.azure.com (198.19.226.130) port 443.',
		]);
		// Two words that are not a name and its address stay apart.
		expect(mergeRemediations(['Allow TCP to a.example port 443.', 'Allow UDP to b.example port 443.'])).toHaveLength(2);
		expect(mergeRemediations(['Allow it to a.example now (x).', 'Allow it to b.example later (y).'])).toHaveLength(2);
	});

	it('merge the largest group first and leave the rest as they were', () => {
		const texts = [exempt('a.example'), 'Allow UDP 53 from 10.0.0.5 to 10.50.0.53.', exempt('b.example'), exempt('c.example'), 'Allow UDP 53 from 10.0.0.5 to 10.50.1.53.'];
		expect(mergeRemediations(texts)).toEqual([
			exempt('a.example, b.example and c.example'),
			'Allow UDP 53 from 10.0.0.5 to 10.50.0.53 and 10.50.1.53.',
		]);
	});

	it('are one line of a check\'s combined verdict', () => {
		const verdict = combineJudgements(['a.example', 'b.example'].map(host => ({status: 'fail' as const, summary: `${host}:443 failed at TLS`, remediation: exempt(host), owner: 'proxy-security-team' as const})), 'endpoints');
		expect(verdict.remediation).toBe(exempt('a.example and b.example'));
	});

	it('list words as a sentence does', () => {
		expect([listWords(['a']), listWords(['a', 'b']), listWords(['a', 'b', 'c'])]).toEqual(['a', 'a and b', 'a, b and c']);
	});
});
