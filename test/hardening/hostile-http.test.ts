import net from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {egressEndpoint} from '../../src/checks/egress-endpoint.js';
import {checkContext} from '../checks/helpers.js';
import {startFakeDns, type FakeDnsServer} from '../lab/servers/fake-dns.js';

/*
Hostile HTTP peers on loopback: one that trickles a byte at a time and never finishes its head,
one that sends an endless head, one that closes mid-head. Each must be classified with a clear
message, within the check's deadline, without a crash and without a socket left open.
*/
const host = '127.0.0.1';
let dns: FakeDnsServer;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
const ports: Record<string, number> = {};

async function listen(name: string, onConnection: (socket: net.Socket) => void): Promise<void> {
	const server = net.createServer(socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		onConnection(socket);
	});
	await new Promise<void>(resolve => server.listen(0, host, resolve));
	ports[name] = (server.address() as net.AddressInfo).port;
	servers.push(server);
}

beforeAll(async () => {
	dns = await startFakeDns(host, 0, `answer:${host}`);
	await listen('trickle', socket => {
		// One byte every 100 ms, never a complete head; bounded so the server stops by itself.
		let sent = 0;
		const timer = setInterval(() => {
			if (socket.destroyed || sent++ > 200) {
				clearInterval(timer);
				socket.destroy();
				return;
			}

			socket.write('H');
		}, 100);
		socket.on('close', () => clearInterval(timer));
	});
	await listen('endless-head', socket => {
		socket.once('data', () => socket.write(`HTTP/1.1 200 OK\r\nX-Filler: ${'a'.repeat(256 * 1024)}`));
	});
	await listen('cut-head', socket => {
		socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-'));
	});
});

afterAll(async () => {
	for (const socket of sockets) {
		socket.destroy();
	}

	await Promise.all(servers.map(async server => new Promise(resolve => server.close(resolve))));
	await dns?.close();
});

/** Client-side TCP sockets open in this process: all TCP socket handles minus the test servers' own. */
function clientSockets(): number {
	return process.getActiveResourcesInfo().filter(kind => kind === 'TCPSocketWrap').length - sockets.size;
}

async function probe(name: string) {
	const context = checkContext({dnsServers: [`${host}:${dns.port}`], timeoutMs: 800});
	const before = clientSockets();
	const result = await egressEndpoint.run(egressEndpoint.params.parse({endpoints: [{host: 'crl.example', ports: [ports[name]], protocol: 'http'}], timeoutMs: 800, retries: 0}), context);
	// The server side sees the close a moment later; wait for it (bounded), then count.
	for (let attempt = 0; attempt < 40 && clientSockets() > before; attempt++) {
		await new Promise(resolve => setTimeout(resolve, 25));
	}

	return {result, leaked: clientSockets() - before};
}

describe('hostile HTTP replies', () => {
	it('a server that trickles bytes: a timeout at the HTTP layer, bounded by the deadline', async () => {
		const {result, leaked} = await probe('trickle');
		expect(result.status).toBe('fail');
		expect(result.summary).toMatch(/failed at HTTP: no HTTP response \(TIMEOUT\)/);
		expect(result.durationMs).toBeLessThan(5000);
		expect(leaked).toBeLessThanOrEqual(0);
	});

	it('an endless response head: read up to the head limit only, the status line still counts', async () => {
		const {result, leaked} = await probe('endless-head');
		expect(result.status).toBe('pass');
		expect(result.summary).toMatch(/reachable \(HTTP 200\)/);
		const http = result.evidence.find(record => record.kind === 'http');
		expect(http).toBeDefined();
		expect(JSON.stringify(result).length).toBeLessThan(64 * 1024);
		expect(leaked).toBeLessThanOrEqual(0);
	});

	it('a connection closed in the middle of the head: classified, no crash', async () => {
		const {result, leaked} = await probe('cut-head');
		expect(result.status).toBe('fail');
		expect(result.summary).toMatch(/failed at HTTP: no HTTP response \(NOT_HTTP\)/);
		expect(leaked).toBeLessThanOrEqual(0);
	});
});
