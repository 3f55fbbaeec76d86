import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {ip} from '../lab/lab-config.js';
import {defaultPrefix, labDown, labUp, type LabState} from '../lab/lab.js';
import {labPreflight} from '../lab/preflight.js';
import {nsName} from '../lab/topology.js';
import {cliPath, repoRoot, tempDir} from '../helpers/paths.js';
import {writeRunbook} from './helpers/runbooks.js';
import {isAlive, TmuxTerminal} from './helpers/tmux.js';

/*
The same kill-and-resume journey as e2e-tmux.test.ts, but inside the network lab: the real binary
runs in the DVM's namespace, takes the lab worksheet's DNS forwarders and time server as typed
input, and its checks talk to the lab's dnsmasq, chronyd and web servers. Lab rule: skipped with
the reason when the lab cannot be built here; NETLAB_REQUIRED=1 turns that into a failure.
*/

const prefix = defaultPrefix();
const preflight = existsSync('/usr/bin/tmux') ? labPreflight(prefix) : {ok: false as const, reason: 'tmux is not installed'};
const required = process.env.NETLAB_REQUIRED === '1';
const title = 'in the network lab: typed worksheet values, live checks from the DVM, SIGKILL mid-phase, resume';
let lab: LabState | undefined;

afterAll(() => {
	if (lab) {
		labDown(lab);
	}
});

function shellQuote(value: string): string {
	return `'${value.replaceAll('\'', '\'\\\'\'')}'`;
}

describe('the real binary in tmux, in the network lab', () => {
	it.skipIf(!preflight.ok && !required)(preflight.ok ? title : `${title} (skipped: ${preflight.reason})`, async context => {
		if (!preflight.ok) {
			throw new Error(`${preflight.reason} (NETLAB_REQUIRED=1)`);
		}

		try {
			lab = labUp(prefix);
		} catch (error) {
			if (required) {
				throw error;
			}

			context.skip(`the lab could not be built: ${(error as Error).message.split('\n')[0]}`);
			return;
		}

		const worksheet = parse(readFileSync(path.join(repoRoot, 'test/lab/lab-worksheet.yaml'), 'utf8')) as {dns_forwarders: string[]; time_server: string};
		const dir = tempDir();
		const runbook = writeRunbook(dir, 'labe2e', [
			{id: 'worksheet', title: 'Worksheet inputs', steps: [
				'{kind: input, id: enter-dns, name: dns_forwarders, type: ipv4-list, title: DNS forwarders, body: From the worksheet., rules: {minItems: 1, warnBelow: 2}}',
				'{kind: input, id: enter-ntp, name: time_server, type: ipv4-or-fqdn, title: Time server, body: From the worksheet.}',
			]},
			{id: 'dvm-egress', title: 'DVM egress', steps: [
				'{kind: check, id: egress-dns, title: DNS forwarders answer, body: Both forwarders resolve the Azure names., check: dns.forwarder, params: {timeoutMs: 1500}}',
				'{kind: check, id: egress-ntp, title: Time server answers, body: SNTP from the DVM., check: ntp.server, params: {server: {$input: time_server}, timeoutMs: 1500}}',
				`{kind: check, id: egress-login, title: Identity endpoint reachable, body: TCP 443 to login., check: tcp.connect, params: {host: ${ip.login}, port: 443, timeoutMs: 1500}}`,
				// The lab's silent time server: the probe waits out its timeout, so the kill lands mid-phase.
				`{kind: check, id: egress-ntp-silent, title: Second time source, body: SNTP to the silent server., check: ntp.server, params: {server: ${ip.ntpSilent}, samples: 1, timeoutMs: 30000}}`,
				'{kind: confirm, id: egress-noted, title: Egress results noted, body: Note them., attestation: The egress results are noted.}',
			]},
		], ['dnsForwardersInput: dns_forwarders']);
		const stateDir = path.join(dir, 'state');
		const command = `cd ${shellQuote(repoRoot)} && exec ip netns exec ${nsName(prefix, 'dvm')} ${shellQuote(process.execPath)} ${shellQuote(cliPath)} --runbook ${shellQuote(runbook)} --state-dir ${shellQuote(stateDir)} --session lab --operator tester`;
		const term = new TmuxTerminal();
		try {
			term.start(command);
			await term.waitFor('DNS forwarders · input');
			for (const [index, forwarder] of worksheet.dns_forwarders.entries()) {
				if (index > 0) {
					await term.key('a');
				}

				await term.type(forwarder);
				await term.key('Enter');
			}

			await term.key('s');
			await term.waitFor('Time server · input');
			await term.type(worksheet.time_server);
			await term.key('Enter');
			let screen = await term.waitFor('DNS forwarders answer · check');

			await term.key('R');
			screen = await term.waitFor(current => ['DNS forwarders answer', 'Time server answers', 'Identity endpoint reachable'].every(name => new RegExp(`✔ passed\\s+${name}`).test(current))
				&& /running\s+Second time source/.test(current), 30_000);
			expect(screen).toMatch(/✔ passed\s+Time server answers — /);

			const pid = term.pid();
			process.kill(pid, 'SIGKILL');
			await term.waitForExit();
			expect(isAlive(pid)).toBe(false);

			term.respawn(command);
			screen = await term.waitFor('found on opening');
			expect(screen).toContain('egress-ntp-silent was running when the last session stopped');
			await term.key('Enter');
			await term.waitFor('DNS forwarders answer · check');
			screen = await term.key('Escape');
			for (const name of ['DNS forwarders answer', 'Time server answers', 'Identity endpoint reachable']) {
				expect(screen).toMatch(new RegExp(`✔ passed\\s+${name}`));
			}

			expect(screen).toMatch(/· pending\s+Second time source/);
			await term.key('q');
			await term.waitFor('Progress is saved');
		} finally {
			term.dispose();
		}
	}, 120_000);
});
