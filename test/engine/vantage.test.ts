import {writeFileSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runSteps} from '../../src/engine/run-steps.js';
import {computeDiff} from '../../src/reports/compute-diff.js';
import {readJournal} from '../../src/store/journal.js';
import {sessionPaths} from '../../src/store/session-paths.js';
import {tempDir} from '../helpers/paths.js';
import {openDriven, testRunFlags} from '../journal/drive-session.js';

/*
Where a check ran decides what it proves. The engine matches the source address its sockets used
against the session's inputs (vantageInputs); a deny check meant for the HLH but run on the DVM
must say "measured from the wrong place" (owner operator), never "deny ... from <the DVM>", and must
never replace a result measured on the HLH nor count as a change in the diff.
*/

const servers: net.Server[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => new Promise(resolve => server.close(resolve))));
});

async function listen(): Promise<number> {
	const server = net.createServer(socket => socket.destroy());
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	servers.push(server);
	return (server.address() as net.AddressInfo).port;
}

function writeRunbook(dir: string, port: number): string {
	const file = path.join(dir, 'vantage.yaml');
	writeFileSync(file, [
		'id: vantage-fixture', 'title: Vantage fixture', 'version: "1"', 'description: a deny check that belongs to the HLH',
		'vantageInputs:', '  dvm: [dvm_address]', '  hlh: [hlh_address]',
		'phases:',
		'  - id: inputs', '    title: Inputs', '    body: b', '    steps:',
		'      - {kind: input, id: dvm, name: dvm_address, type: ipv4, title: DVM, body: b}',
		'      - {kind: input, id: hlh, name: hlh_address, type: ipv4, title: HLH, body: b}',
		'  - id: acl', '    title: ACL', '    body: b', '    vantage: dvm', '    steps:',
		`      - {kind: check, id: hlh-denied, vantage: hlh, title: HLH denied, body: b, check: acl.flow, params: {flows: [{host: 127.0.0.1, port: ${port}, expect: deny}], timeoutMs: 2000}}`,
		'',
	].join('\n'));
	return file;
}

describe('vantage: where a check ran', () => {
	it('turns a result from the wrong place into an operator finding that names no network rule', async () => {
		const dir = tempDir();
		const runbookFile = writeRunbook(dir, await listen());
		const {opened} = openDriven({stateDir: path.join(dir, 'state'), runbookFile});
		const {controller} = opened;
		// This host (127.0.0.1) is the DVM; the HLH is elsewhere.
		controller.dispatch({type: 'input.set', name: 'dvm_address', value: '127.0.0.1'});
		controller.dispatch({type: 'input.set', name: 'hlh_address', value: '127.0.0.9'});
		await runSteps(controller, {stepId: 'hlh-denied'}, testRunFlags());
		const record = controller.session.steps['hlh-denied']!;
		opened.store.close();

		expect(record.state).toBe('failed');
		expect(record.result).toMatchObject({owner: 'operator', wrongPlace: {required: 'hlh', at: 'dvm', measuredStatus: 'fail'}, vantage: {name: 'dvm'}});
		expect(record.result!.summary).toBe('measured from the wrong place: ran on the DVM (127.0.0.1); this step must run on the HLH (127.0.0.9). Not a finding about the network.');
		expect(record.result!.remediation).toBe('Run this step again on the HLH (127.0.0.9).');
		expect(`${record.result!.summary} ${record.result!.remediation}`).not.toMatch(/deny|firewall|switch/i);
	});

	it('keeps the right-place result when the same step is run again from the wrong place, and the diff ignores that run', async () => {
		const dir = tempDir();
		const runbookFile = writeRunbook(dir, await listen());
		const stateDir = path.join(dir, 'state');
		const {opened, clock} = openDriven({stateDir, runbookFile});
		const {controller} = opened;
		// First on the HLH (this host is the HLH): the deny is not in place, a finding from the right place.
		controller.dispatch({type: 'input.set', name: 'dvm_address', value: '127.0.0.9'});
		controller.dispatch({type: 'input.set', name: 'hlh_address', value: '127.0.0.1'});
		await runSteps(controller, {stepId: 'hlh-denied'}, testRunFlags());
		const right = controller.session.steps['hlh-denied']!;
		expect(right.state).toBe('failed');
		expect(right.result).toMatchObject({owner: 'firewall-team', vantage: {name: 'hlh'}});
		expect(right.result!.wrongPlace).toBeUndefined();

		// Then the same host is declared the DVM and the step runs again: wrong place.
		clock.advance(60_000);
		const since = clock.now().toISOString();
		controller.dispatch({type: 'input.set', name: 'dvm_address', value: '127.0.0.1'});
		controller.dispatch({type: 'input.set', name: 'hlh_address', value: '127.0.0.9'});
		clock.advance(60_000);
		await runSteps(controller, {stepId: 'hlh-denied'}, testRunFlags());
		const after = controller.session.steps['hlh-denied']!;
		opened.store.close();

		expect(after.state).toBe('failed');
		expect(after.result).toEqual(right.result);
		expect(after.wrongPlaceRun?.summary).toContain('measured from the wrong place');

		const entries = readJournal(sessionPaths(stateDir, 'site-a').journal).entries;
		const step = computeDiff(entries, {since}).steps.find(candidate => candidate.stepId === 'hlh-denied');
		expect(step).toMatchObject({change: 'not-rerun', runs: 1});
	});
});
