import net from 'node:net';
import type {SessionController} from '../../../src/engine/controller.js';
import {defaultRunOptions} from '../../../src/engine/run-options.js';
import {runSteps} from '../../../src/engine/run-steps.js';
import {loadRunbook} from '../../../src/runbook/load-runbook.js';
import {openSession} from '../../../src/session/open-session.js';

/** Builds a saved session through the engine (as a previous run would have), then releases it. */
export async function prepareSession(runbook: string, stateDir: string, name: string, work: (controller: SessionController) => Promise<void> | void): Promise<void> {
	const opened = openSession({loaded: loadRunbook(runbook), stateDir, name, operator: 'alice'})!;
	try {
		await work(opened.controller);
	} finally {
		opened.store.close();
	}
}

/** Runs a phase's checks through the real engine. */
export async function runPhase(controller: SessionController, phaseId: string): Promise<void> {
	await runSteps(controller, {phaseId}, {...defaultRunOptions(), timeoutMs: 1000, yes: true});
}

/** A loopback port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise(resolve => server.close(resolve));
	return port;
}

/** A loopback TCP server that accepts and closes connections; `close` stops it. */
export async function listeningServer(port = 0): Promise<{port: number; close: () => Promise<void>}> {
	const server = net.createServer(socket => socket.destroy());
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return {
		port: (server.address() as net.AddressInfo).port,
		close: () => new Promise<void>(resolve => server.close(() => resolve())),
	};
}

/** A UDP socket on loopback that never answers (a DNS or NTP server behind a dropping ACL). */
export async function silentUdp(): Promise<{port: number; close: () => Promise<void>}> {
	const {createSocket} = await import('node:dgram');
	const socket = createSocket('udp4');
	await new Promise<void>(resolve => socket.bind(0, '127.0.0.1', resolve));
	return {port: socket.address().port, close: () => new Promise<void>(resolve => socket.close(() => resolve()))};
}
