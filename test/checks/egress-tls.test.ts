import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {egressEndpoint} from '../../src/checks/egress-endpoint.js';
import {tlsNotIntercepted} from '../../src/checks/tls-not-intercepted.js';
import type {CheckContext} from '../../src/checks/types.js';
import {generatePki, proxyCaName, readPki} from '../lab/pki.js';
import {startFakeDns, type FakeDnsServer} from '../lab/servers/fake-dns.js';
import {startWebServers, type WebServers} from '../lab/servers/web-servers.js';
import {checkContext} from './helpers.js';

const host = '127.0.0.1';
let dir: string;
let dns: FakeDnsServer;
let nxdns: FakeDnsServer;
let web: WebServers;
let proxy: WebServers;
const port: Record<string, number> = {};
let context: CheckContext;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'azs-pki-'));
	generatePki(dir);
	dns = await startFakeDns(host, 0, `answer:${host}`);
	nxdns = await startFakeDns(host, 0, 'nxdomain');
	const names = ['login', 'mgmt', 'expired', 'wrongname', 'selfsigned', 'hang', 'http', 'http403'] as const;
	web = await startWebServers(dir, [
		{kind: 'https', host, port: 0, cert: 'login'},
		{kind: 'https', host, port: 0, cert: 'mgmt'},
		{kind: 'https', host, port: 0, cert: 'expired'},
		{kind: 'https', host, port: 0, cert: 'wrongname'},
		{kind: 'https', host, port: 0, cert: 'selfsigned'},
		{kind: 'hang', host, port: 0},
		{kind: 'http', host, port: 0, mode: 'ok'},
		{kind: 'http', host, port: 0, mode: 'proxy-403'},
	]);
	for (const [index, name] of names.entries()) {
		port[name] = web.ports[index]!;
	}

	proxy = await startWebServers(dir, [{kind: 'proxy', host, port: 0, upstream: {'management.azure.com': {host, port: port.mgmt!}}}]);
	port.proxy = proxy.ports[0]!;
	context = checkContext({dnsServers: [`${host}:${dns.port}`], extraCaPem: [readPki(dir, 'labca.crt')], timeoutMs: 1500});
});

afterAll(async () => {
	await web?.close();
	await proxy?.close();
	await dns?.close();
	await nxdns?.close();
	fs.rmSync(dir, {recursive: true, force: true});
});

const egress = async (hostName: string, portName: string, extra: Record<string, unknown> = {}, ctx?: CheckContext) =>
	egressEndpoint.run(egressEndpoint.params.parse({endpoints: [{host: hostName, ports: [port[portName]], ...extra}], timeoutMs: 1500}), ctx ?? context);

describe('egress.endpoint over loopback', () => {
	it('passes a good endpoint through every layer', async () => {
		const result = await egress('login.microsoftonline.com', 'login');
		expect(result.status).toBe('pass');
		expect(result.summary).toMatch(/HTTP 200/);
		expect(result.evidence.map(record => record.kind)).toEqual(['dns-udp', 'tcp', 'tls', 'http']);
		expect(result.vantage.localAddresses).toEqual([host]);
	});

	it('names the DNS layer and the DNS team when the name does not resolve', async () => {
		const result = await egress('login.microsoftonline.com', 'login', {}, {...context, dnsServers: [`${host}:${nxdns.port}`]});
		expect(result).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(result.summary).toMatch(/failed at DNS: .*NXDOMAIN/);
	});

	it('names the TCP layer and the firewall team for a closed port', async () => {
		const result = await egress('login.microsoftonline.com', 'http', {protocol: 'tcp', ports: [1]});
		expect(result).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(result.summary).toMatch(/failed at TCP: 127\.0\.0\.1:1 refused/);
		expect(result.remediation).toBe('Allow outbound TCP from 127.0.0.1 to login.microsoftonline.com (127.0.0.1) port 1.');
	});

	it.each([
		['expired.example', 'expired', /certificate expired on/],
		['wrongname.example', 'wrongname', /wrong name: the certificate is for DNS:not-the-right-name\.example/],
		['selfsigned.example', 'selfsigned', /self-signed certificate "selfsigned\.example"/],
	])('fails %s at the TLS layer', async (name, portName, summary) => {
		const result = await egress(name, portName);
		expect(result).toMatchObject({status: 'fail', owner: 'proxy-security-team'});
		expect(result.summary).toMatch(summary);
	});

	it('fails a handshake that stalls after the ClientHello as a possible path-MTU black hole, naming the other cause too', async () => {
		const result = await egress('hang.example', 'hang');
		expect(result).toMatchObject({status: 'fail', owner: 'network-team'});
		expect(result.summary).toMatch(/TLS handshake timed out after the ClientHello went out \(\d+ bytes\) and nothing came back: possible path-MTU black hole .* or a device that accepts TCP and never answers/);
	});

	it('names the intercepting proxy\'s CA', async () => {
		const result = await egress('management.azure.com', 'proxy');
		expect(result.summary).toContain(`TLS interception: the certificate is issued by "${proxyCaName} (AzLab)"`);
		expect(result.owner).toBe('proxy-security-team');
		const tlsRecord = result.evidence.find(record => record.kind === 'tls');
		expect(tlsRecord?.issuers).toEqual([`${proxyCaName} (AzLab)`, `${proxyCaName} (AzLab)`]);
	});

	it('counts a 403 from a proxy as blocked but a plain HTTP answer as reachable', async () => {
		const blocked = await egress('crl.example', 'http403', {protocol: 'http'});
		expect(blocked).toMatchObject({status: 'fail', owner: 'proxy-security-team'});
		expect(blocked.summary).toMatch(/blocked by a proxy: HTTP 403 .*via: 1\.1 proxy\.contoso\.example/);
		expect((await egress('crl.example', 'http', {protocol: 'http'})).status).toBe('pass');
	});

	it('retries a failing endpoint, keeping every attempt as evidence', async () => {
		const result = await egressEndpoint.run(egressEndpoint.params.parse({endpoints: [{host: 'login.microsoftonline.com', ports: [1], protocol: 'tcp'}], retries: 2, timeoutMs: 500}), context);
		expect(result.status).toBe('fail');
		expect(new Set(result.evidence.map(record => record.attempt))).toEqual(new Set([0, 1, 2]));
	});

	it('does not retry a certificate that says what presented it (self-signed), and retries an expired one (one bad server of a pool)', async () => {
		const retried = async (hostName: string, portName: string) => egressEndpoint.run(egressEndpoint.params.parse({endpoints: [{host: hostName, ports: [port[portName]]}], retries: 2, timeoutMs: 1500}), context);
		const selfSigned = await retried('selfsigned.example', 'selfsigned');
		expect(selfSigned.summary).toMatch(/self-signed certificate/);
		expect(selfSigned.summary).not.toContain('(attempt');
		expect(new Set(selfSigned.evidence.map(record => record.attempt))).toEqual(new Set([0]));
		const expired = await retried('expired.example', 'expired');
		expect(expired.summary).toMatch(/certificate expired on .*\(attempt 3\)/);
		expect(new Set(expired.evidence.map(record => record.attempt))).toEqual(new Set([0, 1, 2]));
	});

	it('skips a wildcard without samples and probes its samples otherwise', async () => {
		const result = await egressEndpoint.run(egressEndpoint.params.parse({endpoints: [{host: '*.msauth.net'}, {host: '*.windows.net', samples: ['login.windows.net'], ports: [port.login]}], timeoutMs: 1500}), context);
		expect(result.summary).toMatch(/1\/2 endpoints passed; \*\.msauth\.net: a wildcard needs concrete sample hosts/);
	});
});

describe('tls.not-intercepted over loopback', () => {
	it('passes when the chain comes from an expected issuer', async () => {
		const result = await tlsNotIntercepted.run(tlsNotIntercepted.params.parse({endpoints: [{host: 'login.microsoftonline.com', ports: [port.login]}], expectedIssuers: ['AzLab Microsoft Root'], timeoutMs: 1500}), context);
		expect(result.status).toBe('pass');
		expect(result.evidence.map(record => record.kind)).toEqual(['dns-udp', 'tcp', 'tls']);
	});

	it('calls a locally trusted but unexpected issuer interception', async () => {
		const result = await tlsNotIntercepted.run(tlsNotIntercepted.params.parse({endpoints: [{host: 'login.microsoftonline.com', ports: [port.login]}], expectedIssuers: ['DigiCert'], timeoutMs: 1500}), context);
		expect(result.status).toBe('fail');
		expect(result.summary).toMatch(/TLS interception: .*AzLab Microsoft Root CA \(simulated\).*trusted on this host/);
	});

	it('names the proxy CA of an interception the host does not trust', async () => {
		const result = await tlsNotIntercepted.run(tlsNotIntercepted.params.parse({endpoints: [`management.azure.com:${port.proxy}`], timeoutMs: 1500}), context);
		expect(result.summary).toContain(proxyCaName);
	});

	it('reports an unreachable endpoint as could-not-evaluate', async () => {
		const result = await tlsNotIntercepted.run(tlsNotIntercepted.params.parse({endpoints: ['login.microsoftonline.com:1'], timeoutMs: 1500}), context);
		expect(result.status).toBe('error');
	});
});
