import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {egressSource} from '../../src/checks/egress-source.js';
import type {CheckContext} from '../../src/checks/types.js';

/*
egress.source asks every echo URL at once and judges the answers in list order. Three real echo
servers on loopback: each records when a request arrives and holds it until the test answers, so
the order of events is the test's, never a race of timers.
*/

type Echo = {url: string; asked: Promise<void>; answer: (status: number, body: string) => void; closedEarly: Promise<void>; close: () => Promise<void>};

async function echoServer(): Promise<Echo> {
	let markAsked!: () => void;
	let markClosed!: () => void;
	let held: http.ServerResponse | undefined;
	let answered = false;
	const asked = new Promise<void>(resolve => {
		markAsked = resolve;
	});
	const closedEarly = new Promise<void>(resolve => {
		markClosed = resolve;
	});
	const server = http.createServer((request, response) => {
		held = response;
		// The client gave up on this request before it was answered.
		response.on('close', () => {
			if (!answered) {
				markClosed();
			}
		});
		markAsked();
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/ip`,
		asked,
		answer(status, body) {
			answered = true;
			held?.writeHead(status, {'content-type': 'text/plain'}).end(body);
		},
		closedEarly,
		async close() {
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => resolve());
			});
		},
	};
}

const servers: Echo[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

const context = (): CheckContext => ({signal: new AbortController().signal, timeoutMs: 20_000, dnsServers: [], extraCaPem: []});

/** Three echo servers, the check started on their URLs in that order, and every one asked (nothing answered yet). */
async function askThree(expected: string) {
	const echoes = await Promise.all([echoServer(), echoServer(), echoServer()]);
	servers.push(...echoes);
	const run = egressSource.run(egressSource.params.parse({echoUrls: echoes.map(echo => echo.url), expected}), context());
	// All three are asked before any answers: at once, not one after another.
	await Promise.all(echoes.map(async echo => echo.asked));
	return {echoes: echoes as [Echo, Echo, Echo], run};
}

describe('egress.source with several echo URLs', () => {
	it('asks them all at once; a later one answers only after the ones before it failed; the rest are stopped', async () => {
		const {echoes: [first, second, third], run} = await askThree('203.0.113.7');
		second.answer(200, '203.0.113.7\n');
		first.answer(404, 'not here');
		const result = await run;
		expect(result.status).toBe('pass');
		expect(result.summary).toContain(`by ${second.url}`);
		// The third proved nothing: its request was dropped, and it left no evidence.
		await third.closedEarly;
		const targets = result.evidence.map(record => record.target);
		expect(targets.some(target => target.includes(first.url.replace('/ip', '')))).toBe(true);
		expect(targets.some(target => target.includes(second.url.replace('/ip', '')))).toBe(true);
		expect(targets.some(target => target.includes(third.url.replace('/ip', '')))).toBe(false);
	});

	it('keeps the list\'s order: the first URL wins even when a later one answered before it', async () => {
		const {echoes: [first, second, third], run} = await askThree('203.0.113.8');
		second.answer(200, '198.51.100.9\n');
		third.answer(200, '198.51.100.10\n');
		first.answer(200, '203.0.113.8\n');
		const result = await run;
		expect(result.status).toBe('pass');
		expect(result.summary).toContain('203.0.113.8');
		expect(result.summary).toContain(`by ${first.url}`);
	});
});
