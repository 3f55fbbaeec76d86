import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {miniRunbook, tempDir} from '../helpers/paths.js';
import {joined, keys, press, typeText, waitForFrame, waitForText} from './helpers/ink-keys.js';
import {mountApp} from './helpers/mount-app.js';
import {writeRunbook} from './helpers/runbooks.js';

function inputsRunbook(dir: string): string {
	return writeRunbook(dir, 'inputs', [
		{
			id: 'worksheet',
			title: 'Worksheet',
			steps: [
				'{kind: input, id: enter-ntp, name: ntp_server, type: ipv4, title: Time server, body: The one NTP server., example: 10.0.0.123}',
				'{kind: input, id: enter-dns, name: dns_forwarders, type: ipv4-list, title: DNS forwarders, body: The forwarders., rules: {minItems: 1, warnBelow: 2}}',
				'{kind: input, id: enter-cloud, name: azure_environment, type: enum, title: Azure environment, body: Which cloud., rules: {options: [AzureCloud, AzureUSGovernment, AzureChinaCloud]}}',
				'{kind: instruction, id: done, title: Done, body: All entered.}',
			],
		},
	]);
}

async function startNew(dir: string) {
	const app = mountApp({runbook: inputsRunbook(dir), stateDir: path.join(dir, 'state')});
	await waitForText(app, 'New session name');
	await press(app, keys.enter);
	await waitForText(app, 'Time server · input');
	return app;
}

describe('inputs', () => {
	it('refuses an invalid value inline with the reason, as you type and on Enter, and saves a valid one', async () => {
		const app = await startNew(tempDir());
		let frame = await typeText(app, 'ntp.x');
		expect(frame).toContain('> ntp.x');
		expect(frame).toContain('✖ Time server must be one IPv4 address (e.g. 10.0.0.53), not "ntp.x"');

		frame = await press(app, keys.enter);
		expect(frame).toContain('✖ not saved: Time server must be one IPv4 address (e.g. 10.0.0.53), not "ntp.x"');
		expect(frame).toContain('· pending — not entered yet');
		expect(app.real.openedName()).toBe('t1');

		await press(app, keys.ctrlU);
		frame = await typeText(app, '10.0.0.123');
		expect(frame).toContain('✔ valid');
		frame = await press(app, keys.enter);
		await waitForText(app, 'DNS forwarders · input');
		frame = await waitForText(app, 'saved Time server: 10.0.0.123');
		expect(frame).toContain('Phase 1/1 Worksheet › Step 2/4 DNS forwarders');
	});

	it('keeps every key of "10.0.0.1" typed in quick succession, and a pasted chunk', async () => {
		const app = await startNew(tempDir());
		// All eight keys written at once, no waiting between them: the reducer sees each in order.
		for (const char of '10.0.0.1') {
			app.stdin.write(char);
		}

		let frame = await waitForText(app, '> 10.0.0.1');
		expect(frame).toContain('✔ valid');
		expect(frame).not.toContain('> 10.0.0.1 ');

		// Backspace twice fast, then a pasted chunk.
		app.stdin.write(keys.backspace);
		app.stdin.write(keys.backspace);
		app.stdin.write('.250');
		frame = await waitForText(app, '> 10.0.0.250');
		await press(app, keys.enter);
		frame = await waitForText(app, 'saved Time server: 10.0.0.250');
		expect(frame).toContain('DNS forwarders · input');
	});

	it('splits a chunk into the keys the terminal sent: three Backspaces in one chunk erase three characters, two arrows move twice', async () => {
		const app = await startNew(tempDir());
		await typeText(app, '10.0.0.123');
		app.stdin.write(keys.backspace.repeat(3));
		let frame = await waitForText(app, '> 10.0.0. ');
		expect(frame).not.toContain('10.0.0.1');

		// Ctrl+U, a value and Enter, all in one chunk (tmux sends keys typed ahead together).
		app.stdin.write(`${keys.ctrlU}10.0.0.9\r`);
		await waitForText(app, 'saved Time server: 10.0.0.9');
		app.stdin.write('10.0.0.1\r');
		await waitForText(app, '›  1. 10.0.0.1');
		await press(app, 'a');
		app.stdin.write('10.0.0.2\r');
		await waitForText(app, '›  2. 10.0.0.2');
		await press(app, 'a');
		app.stdin.write('10.0.0.3\r');
		await waitForText(app, '›  3. 10.0.0.3');
		app.stdin.write(keys.up + keys.up);
		frame = await waitForText(app, '›  1. 10.0.0.1');
		expect(frame).toContain('   3. 10.0.0.3');
		// Two Backspaces in one chunk delete two items (Backspace deletes the selected item).
		app.stdin.write(keys.backspace.repeat(2));
		frame = await waitForFrame(app, candidate => !candidate.includes('10.0.0.2'));
		expect(frame).toContain('›  1. 10.0.0.3');
		expect(frame).not.toContain('10.0.0.1');
	});

	it('edits a list item by item: add, refuse a duplicate, edit, delete, warn, save', async () => {
		const app = await startNew(tempDir());
		await typeText(app, '10.0.0.123');
		await press(app, keys.enter);
		await waitForText(app, 'DNS forwarders · input');

		// An empty list starts with a new item being edited.
		let frame = await typeText(app, '10.0.0.1');
		frame = await press(app, keys.enter);
		expect(frame).toContain('›  1. 10.0.0.1');
		expect(frame).toContain('! accepted with a warning: only 1 given; 2 are recommended for fault tolerance');
		expect(frame).toContain('[unsaved]');

		await press(app, 'a');
		frame = await typeText(app, '10.0.0.1');
		expect(frame).toContain('✖ DNS forwarders: 10.0.0.1 is listed twice');
		frame = await press(app, keys.enter);
		expect(frame).toContain('✖ not saved: DNS forwarders: 10.0.0.1 is listed twice');

		await press(app, keys.ctrlU);
		await typeText(app, '10.0.0.2');
		frame = await press(app, keys.enter);
		expect(frame).toContain(' 2. 10.0.0.2');
		expect(frame).toContain('✔ valid');

		await press(app, keys.up);
		frame = await press(app, 'e');
		// The item being edited keeps its indent, in line with the others.
		expect(frame).toMatch(/^ {3}1\. 10\.0\.0\.1/m);
		expect(frame).toContain('   2. 10.0.0.2');
		await press(app, keys.ctrlU);
		await typeText(app, '10.0.0.9');
		frame = await press(app, keys.enter);
		expect(frame).toContain('›  1. 10.0.0.9');
		expect(frame).toContain('   2. 10.0.0.2');

		frame = await press(app, 'd');
		expect(frame).toContain('›  1. 10.0.0.2');
		expect(frame).not.toContain('10.0.0.9');

		await press(app, 's');
		frame = await waitForText(app, 'saved DNS forwarders: 10.0.0.2 (warning: only 1 given; 2 are recommended for fault tolerance)');
		expect(frame).toContain('Azure environment · input');
	});

	it('asks before Esc throws away unsaved list items: Esc keeps editing, d discards, s saves; after a save that stays on the step "[unsaved]" is gone', async () => {
		const app = await startNew(tempDir());
		// Straight to the forwarders, leaving the time server open before them.
		await press(app, keys.escape);
		await waitForText(app, 'DNS forwarders');
		await press(app, keys.down);
		await press(app, keys.enter);
		await waitForText(app, 'DNS forwarders · input');
		app.stdin.write('10.0.0.1\r');
		let frame = await waitForText(app, '[unsaved]');

		frame = await press(app, keys.escape);
		expect(frame).toContain('Unsaved changes: DNS forwarders (enter-dns)');
		expect(joined(frame)).toContain('The list now reads 10.0.0.1 and is not saved.');
		frame = await press(app, keys.escape);
		expect(frame).toContain('›  1. 10.0.0.1');
		expect(frame).toContain('[unsaved]');

		// q asks too; s saves. The time server is still open before it, so the view stays, saved.
		frame = await press(app, 'q');
		expect(frame).toContain('Unsaved changes: DNS forwarders');
		await press(app, 's');
		frame = await waitForText(app, 'still open before it: Time server');
		expect(frame).toContain('DNS forwarders · input');
		expect(frame).not.toContain('[unsaved]');
		expect(app.real.openedName()).toBe('t1');

		// A change, then Esc and d: discarded, back on the phase, the saved value kept.
		await press(app, 'a');
		app.stdin.write('10.0.0.2\r');
		await waitForText(app, '[unsaved]');
		await press(app, keys.escape);
		frame = await press(app, 'd');
		frame = await waitForText(app, 'unsaved changes to DNS forwarders discarded');
		expect(frame).not.toContain('DNS forwarders · input');
		expect(frame).toContain('10.0.0.1');
		expect(frame).not.toContain('10.0.0.2');
	});

	it('offers an enum as a menu and saves the choice', async () => {
		const app = await startNew(tempDir());
		await typeText(app, '10.0.0.123');
		await press(app, keys.enter);
		await waitForText(app, 'DNS forwarders · input');
		app.stdin.write('10.0.0.1, 10.0.0.2');
		await waitForText(app, '10.0.0.1, 10.0.0.2');
		await press(app, keys.enter);
		await press(app, 's');
		let frame = await waitForText(app, 'Choose one');
		expect(frame).toContain('› AzureCloud');
		frame = await press(app, keys.down);
		expect(frame).toContain('› AzureUSGovernment');
		await press(app, keys.enter);
		frame = await waitForText(app, 'saved Azure environment: AzureUSGovernment');
		expect(frame).toContain('Done · instruction');
	});

	it('shows a frozen value, and unfreezes it only with a reason', async () => {
		const dir = tempDir();
		const app = mountApp({runbook: miniRunbook, stateDir: path.join(dir, 'state')});
		await waitForText(app, 'New session name');
		await press(app, keys.enter);
		await waitForText(app, 'Read the brief · instruction');
		await press(app, keys.enter);
		await waitForText(app, 'DNS forwarders · input');
		await typeText(app, '10.0.0.1');
		await press(app, keys.enter);
		await press(app, 's');
		await waitForText(app, 'Service port · input');
		await typeText(app, '8080');
		await press(app, keys.enter);
		await waitForText(app, 'Port reachable · check');
		// The phase completed and froze the forwarders: the notice lists them again, with their warning.
		await waitForText(app, 'frozen now: DNS forwarders = 10.0.0.1 (warning: only 1 given;');

		// Back to the forwarders, frozen now that their phase is complete.
		await press(app, keys.escape);
		await press(app, keys.escape);
		await press(app, keys.up);
		await press(app, keys.enter);
		await press(app, keys.down);
		let frame = await press(app, keys.enter);
		expect(frame).toContain('! done, with a warning — 10.0.0.1 (frozen) · warning: only 1 given');
		expect(joined(frame)).toContain('10.0.0.1 is frozen since');
		expect(frame).not.toContain('a add');

		frame = await press(app, 'u');
		expect(frame).toContain('Unfreeze: dns_forwarders');
		frame = await press(app, keys.enter);
		expect(frame).toContain('✖ an unfreeze needs a reason: say why the frozen value must change');
		await typeText(app, 'customer moved the forwarders');
		await press(app, keys.enter);
		frame = await waitForText(app, 'dns_forwarders unfrozen; results that used it must re-run');
		expect(frame).toContain('a add · e edit · d delete · s save');
		expect(frame).toContain('›  1. 10.0.0.1');
	});

	it('refuses host addresses off their network, network and broadcast addresses, and the DVM on the HLH, inline with the reason; warnings stay on the step list', async () => {
		const dir = tempDir();
		const runbook = writeRunbook(dir, 'hosts', [
			{
				id: 'worksheet',
				title: 'Worksheet',
				steps: [
					'{kind: input, id: enter-bmc, name: bmc_network, type: cidr, title: BMC network, body: The BMC network.}',
					'{kind: input, id: enter-hlh, name: hlh_address, type: ipv4, title: HLH address, body: The HLH., rules: {hostIn: bmc_network, differentFrom: [dvm_address]}}',
					'{kind: input, id: enter-dvm, name: dvm_address, type: ipv4, title: DVM address, body: The DVM., rules: {hostIn: bmc_network, differentFrom: [hlh_address]}}',
					"{kind: input, id: enter-ntp, name: time_server, type: ipv4-or-fqdn, title: Time server, body: The NTP server., rules: {fqdnWarning: 'a name, not an IPv4 address'}}",
					'{kind: instruction, id: done, title: Done, body: All entered.}',
				],
			},
		]);
		const app = mountApp({runbook, stateDir: path.join(dir, 'state')});
		await waitForText(app, 'New session name');
		await press(app, keys.enter);
		await waitForText(app, 'BMC network · input');
		app.stdin.write('10.193.132.0/26\r');
		await waitForText(app, 'HLH address · input');

		let frame = await typeText(app, '10.193.132.70');
		expect(joined(frame)).toContain('✖ HLH address: 10.193.132.70 is outside the bmc network 10.193.132.0/26; it must be one of its hosts (10.193.132.1 to 10.193.132.62)');
		await press(app, keys.ctrlU);
		frame = await typeText(app, '10.193.132.63');
		expect(joined(frame)).toContain('✖ HLH address: 10.193.132.63 is the broadcast address of the bmc network 10.193.132.0/26, not a host address');
		frame = await press(app, keys.enter);
		expect(joined(frame)).toContain('✖ not saved: HLH address: 10.193.132.63 is the broadcast address');
		await press(app, keys.ctrlU);
		app.stdin.write('10.193.132.30\r');
		await waitForText(app, 'DVM address · input');

		frame = await typeText(app, '10.193.132.30');
		expect(joined(frame)).toContain('✖ DVM address: 10.193.132.30 is already the hlh address; each needs an address of its own');
		await press(app, keys.ctrlU);
		app.stdin.write('10.193.132.29\r');
		await waitForText(app, 'Time server · input');

		frame = await typeText(app, 'ntp.fabrikam.com');
		expect(joined(frame)).toContain('! accepted with a warning: a name, not an IPv4 address');
		expect(joined(frame)).not.toMatch(/valid|must be one IPv4/);
		await press(app, keys.enter);
		await waitForText(app, 'Done · instruction');

		// The step list keeps the warning: a mark and words, not a plain "done".
		frame = await press(app, keys.escape);
		frame = await waitForText(app, 'Time server');
		const row = frame.split('\n').find(line => line.includes('Time server'))!;
		expect(row).toContain('! done, with a warning');
		expect(frame.split('\n').find(line => line.includes('HLH address'))).toContain('✔ done');
	});
});
