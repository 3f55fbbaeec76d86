import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, inject, it} from 'vitest';
import {parse} from 'yaml';
import type {StepRecord} from '../../src/engine/state.js';
import {computeDiff} from '../../src/reports/compute-diff.js';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {hostAddress, labTimeoutMs, type Vantage} from './lab-config.js';
import {labTitle, scriptFrom, type ReadyLab} from './lab-client.js';
import type {StepJob} from './run-step.js';

/*
The HLH-deny step of the embedded runbook, run through the engine from the HLH namespace and from
the DVM namespace into one session. On the HLH it is measured (the lab's HLH is denied HTTPS to the
internet); on the DVM it is "measured from the wrong place", names nobody but the operator, tells no
one to block the DVM, and leaves the HLH's result and the diff alone.
*/

const lab = inject('lab');
const repoRoot = path.resolve(import.meta.dirname, '../..');
const worksheet = parse(fs.readFileSync(path.join(repoRoot, 'test/lab/lab-worksheet.yaml'), 'utf8')) as Record<string, string | string[]>;

async function runStep(ready: ReadyLab, vantage: Vantage, job: StepJob): Promise<StepRecord> {
	return scriptFrom<StepRecord>(ready, vantage, 'run-step.ts', job);
}

describe.skipIf(!lab.ready)(labTitle(lab, 'vantage: the HLH-deny check from the HLH and from the DVM'), () => {
	const ready = lab as ReadyLab;

	it('measures on the HLH; from the DVM it is the wrong place, names the operator only, and replaces nothing', async () => {
		const stateDir = fs.mkdtempSync(path.join(ready.runDir, 'vantage-'));
		const job: StepJob = {stateDir, session: 'site', stepId: 'acl-hlh-denied', inputs: worksheet, timeoutMs: labTimeoutMs};
		const onDvmFirst = await runStep(ready, 'dvm', {...job, session: 'dvm-only'});
		expect(onDvmFirst).toMatchObject({state: 'failed', result: {owner: 'operator', wrongPlace: {required: 'hlh', at: 'dvm'}, vantage: {name: 'dvm', localAddresses: [hostAddress.dvm]}}});
		expect(onDvmFirst.result!.summary).toBe(`measured from the wrong place: ran on the DVM (${hostAddress.dvm}); this step must run on the HLH (${hostAddress.hlh}). Not a finding about the network.`);
		expect(`${onDvmFirst.result!.summary}\n${onDvmFirst.result!.remediation}`).not.toMatch(/deny|block|firewall|switch ACL/i);

		const onHlh = await runStep(ready, 'hlh', job);
		expect(onHlh.result).toMatchObject({vantage: {name: 'hlh', localAddresses: [hostAddress.hlh]}});
		expect(onHlh.result!.wrongPlace).toBeUndefined();
		expect(onHlh.result!.owner).not.toBe('operator');

		const since = new Date().toISOString();
		const onDvm = await runStep(ready, 'dvm', job);
		expect(onDvm.state).toBe(onHlh.state);
		expect(onDvm.result).toEqual(onHlh.result);
		expect(onDvm.wrongPlaceRun?.summary).toContain('measured from the wrong place');
		const entries = readJournal(sessionPaths(stateDir, 'site').journal).entries;
		expect(computeDiff(entries, {since}).steps.find(step => step.stepId === 'acl-hlh-denied')?.change).toBe('not-rerun');
	});
});
