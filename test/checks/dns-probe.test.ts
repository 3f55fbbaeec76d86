import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {dnsForwarder} from '../../src/checks/dns-forwarder.js';
import {probeDns} from '../../src/checks/probes/dns-probe.js';
import {startFakeDns, type FakeDnsServer} from '../lab/servers/fake-dns.js';
import {checkContext, freeUdpPort} from './helpers.js';

const host = '127.0.0.1';
const servers = new Map<string, FakeDnsServer>();
const modes = ['answer:10.200.2.12', 'nxdomain', 'servfail', 'refused', 'drop', 'sinkhole', 'wrong-id', 'cut-off', 'compression-loop', 'not-response', 'oversized', 'tc'];

beforeAll(async () => {
	for (const mode of modes) {
		servers.set(mode, await startFakeDns(host, 0, mode));
	}
});

afterAll(async () => {
	for (const server of servers.values()) {
		await server.close();
	}
});

async function probe(mode: string, transport: 'udp' | 'tcp' = 'udp') {
	return probeDns({server: host, port: servers.get(mode)!.port, name: 'management.azure.com', transport, timeoutMs: 400, signal: new AbortController().signal});
}

describe('DNS probe over loopback', () => {
	it('records the answer, flags and local address over UDP and TCP', async () => {
		for (const transport of ['udp', 'tcp'] as const) {
			const record = await probe('answer:10.200.2.12', transport);
			expect(record).toMatchObject({ok: true, rcode: 'NOERROR', ra: true, addresses: ['10.200.2.12'], localAddress: '127.0.0.1', kind: `dns-${transport}`});
		}
	});

	it.each([
		['nxdomain', 'NXDOMAIN'],
		['servfail', 'SERVFAIL'],
		['refused', 'REFUSED'],
		['drop', 'TIMEOUT'],
		['wrong-id', 'ID_MISMATCH'],
		['cut-off', 'TRUNCATED_MESSAGE'],
		['compression-loop', 'COMPRESSION_LOOP'],
		['not-response', 'NOT_A_RESPONSE'],
		['tc', 'TRUNCATED'],
	])('classifies %s over UDP as %s', async (mode, code) => {
		const record = await probe(mode);
		expect(record.ok).toBe(false);
		expect(record.errorCode).toBe(code);
	});

	it('classifies a reply cut off over TCP', async () => {
		expect((await probe('cut-off', 'tcp')).errorCode).toBe('TRUNCATED_MESSAGE');
	});

	it('notes an oversized UDP reply but still reads it', async () => {
		const record = await probe('oversized');
		expect(record).toMatchObject({ok: true, oversized: true});
		expect(record.addresses).toHaveLength(40);
	});

	it('reports a closed UDP port as ECONNREFUSED, not a timeout', async () => {
		const port = await freeUdpPort();
		const record = await probeDns({server: host, port, name: 'x.example', transport: 'udp', timeoutMs: 2000, signal: new AbortController().signal});
		expect(record.errorCode).toBe('ECONNREFUSED');
	});

	it('returns ABORTED at once when the signal fires', async () => {
		const controller = new AbortController();
		const pending = probeDns({server: host, port: servers.get('drop')!.port, name: 'x.example', transport: 'tcp', timeoutMs: 30_000, signal: controller.signal});
		controller.abort();
		expect((await pending).errorCode).toBe('ABORTED');
	});
});

describe('dns.forwarder over loopback', () => {
	it('passes two forwarders that answer, and warns with one', async () => {
		const good = `${host}:${servers.get('answer:10.200.2.12')!.port}`;
		const two = await dnsForwarder.run({servers: [good, good], names: ['login.microsoftonline.com'], timeoutMs: 500}, checkContext());
		expect(two.status).toBe('pass');
		expect(two.evidence).toHaveLength(4);
		expect(two.vantage.localAddresses).toEqual(['127.0.0.1']);
		const one = await dnsForwarder.run({names: ['login.microsoftonline.com'], timeoutMs: 500}, checkContext({dnsServers: [good]}));
		expect(one.status).toBe('warn');
		expect(one.summary).toMatch(/only one forwarder/);
	});

	it('warns when only one of two answers, naming the other', async () => {
		const good = `${host}:${servers.get('answer:10.200.2.12')!.port}`;
		const bad = `${host}:${servers.get('refused')!.port}`;
		const result = await dnsForwarder.run({servers: [good, bad], names: ['graph.windows.net'], timeoutMs: 500}, checkContext());
		expect(result.status).toBe('warn');
		expect(result.summary).toMatch(/only 1 of 2/);
		expect(result.remediation).toContain('Allow recursive queries from 127.0.0.1');
		expect(result.owner).toBe('dns-team');
	});

	it('refuses a forwarder that is a name, not an address', async () => {
		const result = await dnsForwarder.run({servers: ['dns.contoso.com']}, checkContext());
		expect(result.status).toBe('error');
	});
});
