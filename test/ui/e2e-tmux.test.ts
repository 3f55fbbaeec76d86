import {existsSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cliPath, repoRoot, tempDir} from '../helpers/paths.js';
import {writeRunbook} from './helpers/runbooks.js';
import {listeningServer, silentUdp} from './helpers/sessions.js';
import {isAlive, TmuxTerminal} from './helpers/tmux.js';

const tmuxAvailable = existsSync('/usr/bin/tmux');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
});

function shellQuote(value: string): string {
	return `'${value.replaceAll('\'', '\'\\\'\'')}'`;
}

describe.skipIf(!tmuxAvailable)('the real binary in tmux (80×24)', () => {
	it('starts a session, takes values, runs a phase, survives a SIGKILL mid-phase and resumes at the same step', async () => {
		const dir = tempDir();
		const server = await listeningServer();
		const silent = await silentUdp();
		cleanups.push(server.close, silent.close);
		const runbook = writeRunbook(dir, 'e2e', [
			{id: 'setup', title: 'Setup', steps: [
				'{kind: instruction, id: read-me, title: Read the brief, body: Read it.}',
				'{kind: input, id: enter-dns, name: dns_forwarders, type: ipv4-list, title: DNS forwarders, body: The forwarders., rules: {minItems: 1, warnBelow: 2}}',
				'{kind: input, id: enter-region, name: region, type: region, title: Region, body: Letters and digits.}',
			]},
			{id: 'egress', title: 'DVM egress', steps: [
				`{kind: check, id: port-open, title: Port reachable, body: The service answers., check: tcp.connect, params: {host: 127.0.0.1, port: ${server.port}, timeoutMs: 2000}}`,
				// A forwarder behind a dropping ACL: the probe waits out its 30 s timeout, so the kill lands mid-run.
				`{kind: check, id: dns-slow, title: DNS forwarder answers, body: Query it., check: dns.forwarder, params: {servers: '127.0.0.1:${silent.port}', names: [management.azure.com], transports: [udp], timeoutMs: 30000}}`,
				'{kind: confirm, id: backed-up, title: Switch configuration backed up, body: Back it up., attestation: The switch configuration is backed up.}',
			]},
			{id: 'final', title: 'Final', steps: ['{kind: instruction, id: finish, title: Finish, body: Done.}']},
		]);
		const stateDir = path.join(dir, 'state');
		const command = `cd ${shellQuote(repoRoot)} && exec ${shellQuote(process.execPath)} ${shellQuote(cliPath)} --runbook ${shellQuote(runbook)} --state-dir ${shellQuote(stateDir)} --session e2e --operator tester`;
		const term = new TmuxTerminal();
		cleanups.push(() => term.dispose());

		// Start: time to the first frame, measured from the command to the screen showing it.
		const started = performance.now();
		term.start(command);
		// --session e2e opens (creates) that session directly: no start menu.
		let screen = await term.waitFor('Read the brief · instruction');
		const firstFrameMs = performance.now() - started;
		console.log(`e2e-tmux: first frame after ${Math.round(firstFrameMs)} ms`);
		expect(screen).not.toContain('New session name');
		// Speed is measured by bench/first-frame.ts, not asserted here: the machine may be loaded.

		// Acknowledge the brief; a list of forwarders; a region.
		expect(screen.split('\n')[0]).toContain('azs-runbook · session e2e');
		await term.key('Enter');
		await term.waitFor('DNS forwarders · input');
		await term.type('10.0.0.1');
		screen = await term.key('Enter');
		expect(screen).toContain('1. 10.0.0.1');
		await term.key('a');
		await term.type('10.0.0.2');
		await term.key('Enter');
		await term.key('s');
		await term.waitFor('Region · input');
		screen = await term.type('az lab');
		expect(screen).toContain('✖ Region may contain letters and digits only');
		await term.key('C-u');
		await term.type('azlab1');
		screen = await term.key('Enter');
		screen = await term.waitFor('Port reachable · check');
		expect(screen).toContain('Phase 2/3 DVM egress › Step 1/3 Port reachable');

		// Run the phase: the port check passes, the forwarder probe spins.
		await term.key('R');
		screen = await term.waitFor(current => /✔ passed\s+Port reachable/.test(current) && /running {2}udp:\/\/127\.0\.0\.1:\d+ management\.azure\.com/.test(current));
		expect(screen).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] running\s+DNS forwarder answers/);

		// SIGKILL in the middle of the phase.
		const pid = term.pid();
		process.kill(pid, 'SIGKILL');
		await term.waitForExit();
		expect(isAlive(pid)).toBe(false);

		// Start again: --session e2e resumes it at once and says what resume found.
		term.respawn(command);
		screen = await term.waitFor('found on opening');
		expect(screen).toContain('dns-slow was running when the last session stopped');
		await term.key('Enter');
		screen = await term.waitFor('Port reachable · check');
		expect(screen).toContain('✔ passed — TCP 127.0.0.1');

		// Completed steps are still complete; the interrupted one is back to pending.
		screen = await term.key('Escape');
		expect(screen).toMatch(/✔ passed\s+Port reachable/);
		expect(screen).toMatch(/· pending\s+DNS forwarder answers/);
		screen = await term.key('Escape');
		expect(screen).toMatch(/✔ complete\s+1\. Setup {2}3 passed · 0 failed · 0 pending/);
		expect(screen).toMatch(/DVM egress \(you are here\) {2}1 passed · 0 failed · 2 pending/);

		// Quit: the terminal is restored and the way back is printed.
		await term.key('q');
		screen = await term.waitFor('Progress is saved');
		expect(screen.replaceAll('\n', '')).toContain(`Resume with: node ${path.relative(repoRoot, cliPath)} --session e2e --state-dir ${stateDir} --runbook ${runbook}`);
	});

	it('on a console without the glyphs (AZS_ASCII=1) the shipped runbook\'s screens are ASCII only, lines Ink cuts included', async () => {
		const stateDir = path.join(tempDir(), 'state');
		const command = `cd ${shellQuote(repoRoot)} && exec env AZS_ASCII=1 ${shellQuote(process.execPath)} ${shellQuote(cliPath)} --state-dir ${shellQuote(stateDir)} --session ascii --operator tester`;
		const term = new TmuxTerminal();
		cleanups.push(() => term.dispose());
		term.start(command);
		const screens = [await term.waitFor('Phase 1/10 Session > Step 1/')];
		screens.push(await term.key('Escape'), await term.key('Escape'));
		screens.push(await term.waitFor('Phase overview'));
		// The network screen's lines are cut at 80 columns by Ink itself.
		screens.push(await term.key('m'));
		for (const screen of screens) {
			expect(screen.split('\n').filter(line => /[^\u0020-\u007E]/.test(line))).toEqual([]);
		}

		expect(screens.at(-1)).toMatch(/~$/m);
	});
});
