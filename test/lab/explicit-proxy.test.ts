import {describe, expect, inject, it} from 'vitest';
import {hostAddress, ip, proxyPort} from './lab-config.js';
import {checkFrom, labTitle, type ReadyLab} from './lab-client.js';

/*
An explicit proxy stays a failure; the second look says what the proxy answered to CONNECT and
whether the endpoints answer without it, which decides who acts. The DVM reaches the internet
directly; the HLH reaches only DNS, NTP and the site's proxies.
*/

const lab = inject('lab');

describe.skipIf(!lab.ready)(labTitle(lab, 'proxy.none: an explicit proxy, fully diagnosed'), () => {
	const ready = lab as ReadyLab;
	const endpoints = ['login.microsoftonline.com'];

	it('a 407 proxy with direct egress working: remove the setting (operator), naming the schemes and Via', async () => {
		const result = await checkFrom(ready, 'dvm', 'proxy.none', {env: {HTTPS_PROXY: `http://${ip.proxyAuth}:${proxyPort}`}, winHttp: false, endpoints});
		expect(result).toMatchObject({status: 'fail', owner: 'operator'});
		expect(result.summary).toBe(`an explicit proxy is configured: environment HTTPS_PROXY = http://${ip.proxyAuth}:${proxyPort}; through it: ${ip.proxyAuth}:${proxyPort} answered CONNECT login.microsoftonline.com:443 with 407 Proxy Authentication Required (asks for Negotiate, NTLM, Basic; via 1.1 proxy.contoso.example (squid/5.7)); direct egress works (login.microsoftonline.com:443)`);
		expect(result.remediation).toMatch(/^Remove the proxy setting \(environment HTTPS_PROXY\) on this host: the endpoints answer directly/);
		expect(result.vantage.localAddresses).toEqual([hostAddress.dvm]);
	});

	it('a proxy that tunnels while direct egress is blocked: the site needs NAT or a transparent proxy (proxy/security team)', async () => {
		const result = await checkFrom(ready, 'hlh', 'proxy.none', {env: {https_proxy: `http://${ip.proxyOpen}:${proxyPort}`}, winHttp: false, endpoints});
		expect(result).toMatchObject({status: 'fail', owner: 'proxy-security-team'});
		expect(result.summary).toContain(`through it: ${ip.proxyOpen}:${proxyPort} answered CONNECT login.microsoftonline.com:443 with 200 Connection established (via 1.1 proxy.contoso.example (squid/5.7)); direct egress fails: login.microsoftonline.com:443 failed at TCP`);
		expect(result.remediation).toMatch(/^The site needs NAT or a transparent proxy/);
		expect(result.evidence.filter(record => record.path === 'proxy').map(record => record.kind)).toEqual(['tcp', 'http']);
	});

	it('a proxy whose policy refuses (403) with direct egress working: remove the setting (operator), naming what it answered', async () => {
		const result = await checkFrom(ready, 'dvm', 'proxy.none', {env: {HTTPS_PROXY: `http://${ip.proxyDeny}:${proxyPort}`}, winHttp: false, endpoints});
		expect(result).toMatchObject({status: 'fail', owner: 'operator'});
		expect(result.summary).toContain(`through it: ${ip.proxyDeny}:${proxyPort} answered CONNECT login.microsoftonline.com:443 with 403 Forbidden (via 1.1 proxy.contoso.example (squid/5.7)); direct egress works (login.microsoftonline.com:443)`);
		expect(result.remediation).toMatch(/^Remove the proxy setting \(environment HTTPS_PROXY\) on this host/);
	});
});
