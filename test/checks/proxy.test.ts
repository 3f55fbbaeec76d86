import net from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {judgeProxy} from '../../src/checks/judge/proxy-judge.js';
import {findEnvProxies, redactProxy} from '../../src/checks/proxy/env-proxy.js';
import {parseNetshWinHttp} from '../../src/checks/proxy/netsh.js';
import {proxyNone, transparentFromEvidence} from '../../src/checks/proxy-none.js';
import {checkContext} from './helpers.js';

// The English output of `netsh winhttp show proxy` as documented, with and without a proxy.
// Typed from the documented format: no Windows machine was available to capture it here.
const netshDirect = '\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n\r\n';
const netshProxy = '\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  proxy.contoso.com:8080\r\n    Bypass List     :  *.contoso.com;<local>\r\n\r\n';
const netshNoBypass = 'Current WinHTTP proxy settings:\n\n    Proxy Server(s) :  10.0.0.8:3128\n    Bypass List     :  (none)\n';

describe('netsh winhttp parser', () => {
	it('reads direct access, a proxy with bypass list, and one without', () => {
		expect(parseNetshWinHttp(netshDirect)).toEqual({direct: true});
		expect(parseNetshWinHttp(netshProxy)).toEqual({direct: false, server: 'proxy.contoso.com:8080', bypass: '*.contoso.com;<local>'});
		expect(parseNetshWinHttp(netshNoBypass)).toEqual({direct: false, server: '10.0.0.8:3128'});
	});

	it('reports output it cannot read as unknown', () => {
		expect(parseNetshWinHttp('Der Befehl wurde nicht gefunden.\n')).toEqual({unknown: 'Der Befehl wurde nicht gefunden.'});
	});
});

describe('environment proxies', () => {
	it('finds upper and lower case variables and redacts passwords', () => {
		expect(findEnvProxies({https_proxy: 'http://bob:secret@proxy:8080', HTTP_PROXY: ' ', NO_PROXY: 'x'})).toEqual([{source: 'environment https_proxy', value: 'http://bob:***@proxy:8080'}]);
		expect(redactProxy('http://proxy:3128')).toBe('http://proxy:3128');
	});
});

describe('judgeProxy', () => {
	const none = {proxyHeaders: [], interceptionIssuers: []};
	it('passes without signs, fails an explicit proxy, warns a transparent one, fails interception', () => {
		expect(judgeProxy([], none, ['env']).status).toBe('pass');
		expect(judgeProxy([{source: 'environment HTTPS_PROXY', value: 'http://p:1'}], none, ['env'])).toMatchObject({status: 'fail', owner: 'operator'});
		expect(judgeProxy([], {...none, unlikelyPortOpen: 'management.azure.com:81'}, []).status).toBe('warn');
		expect(judgeProxy([], {...none, proxyHeaders: ['via: 1.1 squid']}, []).summary).toContain('via: 1.1 squid');
		expect(judgeProxy([], {...none, interceptionIssuers: ['Contoso CA']}, [])).toMatchObject({status: 'fail', owner: 'proxy-security-team'});
	});

	it('reads proxy headers and interception issuers from other checks\' evidence', () => {
		const evidence = [
			{kind: 'http', proxyMarkers: ['via: 1.1 squid']},
			{kind: 'tls', chainError: 'SELF_SIGNED_CERT_IN_CHAIN', issuers: ['Contoso CA', 'Contoso CA']},
			{kind: 'tls', issuers: ['DigiCert']},
		];
		expect(transparentFromEvidence(evidence)).toEqual({proxyHeaders: ['via: 1.1 squid'], interceptionIssuers: ['Contoso CA']});
	});
});

describe('proxy.none', () => {
	let server: net.Server;
	let port = 0;
	beforeAll(async () => {
		server = net.createServer(socket => socket.destroy());
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
		port = (server.address() as net.AddressInfo).port;
	});
	afterAll(async () => new Promise<void>(resolve => server.close(() => resolve())));

	it('fails with the environment it is given, not the test runner\'s', async () => {
		const result = await proxyNone.run({env: {HTTPS_PROXY: 'http://proxy.contoso.com:8080'}, winHttp: false}, checkContext());
		expect(result.status).toBe('fail');
		expect(result.summary).toContain('environment HTTPS_PROXY = http://proxy.contoso.com:8080');
		expect((await proxyNone.run({env: {}, winHttp: false}, checkContext())).status).toBe('pass');
	});

	it('warns when an unlikely port answers', async () => {
		const result = await proxyNone.run({env: {}, winHttp: false, unlikelyPort: {host: '127.0.0.1', port}}, checkContext());
		expect(result.status).toBe('warn');
		expect(result.summary).toContain(`127.0.0.1:${port} accepted a connection`);
	});
});
