import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';
import {StepFileError, type StepFileProblem} from '../../src/runbook/load-errors.js';
import {loadEndpointList, loadRunbook, type LoadedRunbook} from '../../src/runbook/load-runbook.js';

const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) {
		rmSync(dir, {recursive: true, force: true});
	}
});

/** Writes files (name → text) into a fresh temporary directory, removed after the test. */
export function writeFiles(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'azs-runbook-test-'));
	made.push(dir);
	for (const [name, text] of Object.entries(files)) {
		writeFileSync(path.join(dir, name), text);
	}

	return dir;
}

/** Loads `runbook.yaml` (plus any other files, e.g. endpoint lists) written to a temporary directory. */
export function loadText(text: string, others: Record<string, string> = {}): LoadedRunbook {
	const dir = writeFiles({'runbook.yaml': text, ...others});
	return loadRunbook(path.join(dir, 'runbook.yaml'), 'runbook.yaml');
}

/** The problems a step file produces; fails the test when it loads. */
export function problemsOf(text: string, others: Record<string, string> = {}): StepFileProblem[] {
	return expectProblems(() => loadText(text, others));
}

/** The problems an endpoint list file produces; fails the test when it loads. */
export function endpointListProblemsOf(text: string): StepFileProblem[] {
	const dir = writeFiles({'list.yaml': text});
	return expectProblems(() => loadEndpointList(path.join(dir, 'list.yaml'), 'list.yaml'));
}

export function expectProblems(load: () => unknown): StepFileProblem[] {
	try {
		load();
	} catch (error) {
		if (error instanceof StepFileError) {
			return error.problems;
		}

		throw error;
	}

	throw new Error('expected the file to be refused, but it loaded');
}

/** A small valid endpoint list with one identity endpoint. */
export const endpointList = `id: pub
cloud: AzureCloud
source: https://learn.microsoft.com/azure-stack/operator/azure-stack-integrate-endpoints
listDate: '2022-01-10'
endpoints:
  - host: login.microsoftonline.com
    ports: [443]
    protocol: https
    category: identity
    purpose: Sign-in
    requirement: mandatory
    atDeploy: true
`;

/**
A small valid runbook: two phases, an enum input selecting an endpoint list, a network input and a
check. Line numbers matter to the tests: edit with care.
*/
export const validRunbook = `id: mini
title: Mini
version: '1'
description: A small runbook.
endpointLists:
  selectBy: cloud
  lists:
    AzureCloud: pub.yaml
phases:
  - id: first
    title: First
    body: First phase.
    steps:
      - id: cloud
        kind: input
        name: cloud
        type: enum
        rules:
          options: [AzureCloud]
        title: Cloud
        body: Pick one.
      - id: net
        kind: input
        name: net
        type: cidr
        rules:
          noOverlapWith: [net2]
        title: Network
        body: A network.
      - id: probe
        kind: check
        check: tcp.connect
        params: {host: example.com, port: 443}
        title: Probe
        body: Probe it.
  - id: second
    title: Second
    body: Second phase.
    steps:
      - id: net2
        kind: input
        name: net2
        type: cidr
        title: Other network
        body: Another network.
      - id: host
        kind: input
        name: host
        type: ipv4
        title: Host
        body: A host.
`;
