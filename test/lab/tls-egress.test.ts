import {describe, expect, inject, it} from 'vitest';
import {ip} from './lab-config.js';
import {checkFrom, labJob, labTitle, runFrom, withScenario, type ReadyLab} from './lab-client.js';
import {labCaName, proxyCaName} from './pki.js';

const lab = inject('lab');
const identity = ['login.microsoftonline.com', 'login.windows.net', 'management.azure.com', 'graph.windows.net'].map(host => ({host, ports: [443], protocol: 'https', category: 'identity'}));

describe.skipIf(!lab.ready)(labTitle(lab, 'TLS and egress from the DVM'), () => {
	const ready = lab as ReadyLab;
	const tls = (host: string) => labJob(ready, 'tls.not-intercepted', {endpoints: [host]});

	it('tells good, expired, wrong-name and self-signed certificates apart', async () => {
		const outputs = await runFrom(ready, 'dvm', ['login.microsoftonline.com', 'expired.example', 'wrongname.example', 'selfsigned.example'].map(host => tls(host)));
		const [good, expired, wrongName, selfSigned] = outputs.map(output => output.result);
		expect(outputs.flatMap(output => output.leftover)).toEqual([]);
		expect(good!.status).toBe('pass');
		expect(good!.evidence.find(record => record.kind === 'tls')?.issuers).toEqual([labCaName, labCaName]);
		expect(expired!.summary).toMatch(/expired\.example:443 failed at TLS: certificate expired on/);
		expect(wrongName!.summary).toMatch(/wrong name: the certificate is for DNS:not-the-right-name\.example, not wrongname\.example/);
		expect(selfSigned!.summary).toMatch(/self-signed certificate "selfsigned\.example"/);
		for (const result of [expired, wrongName, selfSigned]) {
			expect(result).toMatchObject({status: 'fail', owner: 'proxy-security-team'});
		}
	});

	it('names the intercepting proxy\'s CA when the router redirects to it', async () => {
		const [tlsResult, egressResult, proxyResult] = await withScenario(ready, 'intercept', async () => runFrom(ready, 'dvm', [
			labJob(ready, 'tls.not-intercepted', {endpoints: ['management.azure.com']}),
			// The runbook's identity step allows 3 retries: none is spent on a certificate that will not change.
			labJob(ready, 'egress.endpoint', {endpoints: identity, retries: 3}),
			labJob(ready, 'proxy.none', {env: {}, winHttp: false, unlikelyPort: {host: 'management.azure.com', port: 81}}),
		]));
		expect(tlsResult!.result.status).toBe('fail');
		expect(tlsResult!.result.summary).toContain(`TLS interception: the certificate is issued by "${proxyCaName} (AzLab)"`);
		expect(egressResult!.result.summary).toMatch(/failed at TLS: TLS interception/);
		expect(egressResult!.result.summary).not.toContain('(attempt');
		expect(egressResult!.result.evidence.filter(record => record.kind === 'tls')).toHaveLength(identity.length);
		expect(egressResult!.result.owner).toBe('proxy-security-team');
		// The router answers every port for the redirected names: a transparent proxy.
		expect(proxyResult!.result.status).toBe('warn');
		expect(proxyResult!.result.summary).toContain('management.azure.com:81 accepted a connection');
	});

	it('passes the identity endpoints layer by layer without the proxy', async () => {
		const result = await checkFrom(ready, 'dvm', 'egress.endpoint', {endpoints: identity, retries: 1});
		expect(result.status).toBe('pass');
		expect(result.summary).toBe('all 4 endpoints passed');
		expect(result.evidence.filter(record => record.kind === 'http').map(record => record.status)).toEqual([200, 200, 200, 200]);
		expect(result.vantage.localAddresses).toEqual(['10.200.1.10']);
	});

	it('names the failing layer and its owner', async () => {
		const outputs = await runFrom(ready, 'dvm', [
			labJob(ready, 'egress.endpoint', {endpoints: ['login.nx.example']}),
			labJob(ready, 'egress.endpoint', {endpoints: [{host: 'management.azure.com', ports: [8443], protocol: 'https'}]}),
			labJob(ready, 'egress.endpoint', {endpoints: ['hang.example']}),
			labJob(ready, 'egress.endpoint', {endpoints: [{host: 'blocked.example', ports: [80], protocol: 'http'}]}),
			labJob(ready, 'egress.endpoint', {endpoints: [{host: 'crl.example', ports: [80], protocol: 'http'}]}),
		]);
		const [dns, tcp, tlsHang, proxy403, crl] = outputs.map(output => output.result);
		expect(dns).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(dns!.summary).toMatch(/failed at DNS: .*NXDOMAIN/);
		expect(tcp).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(tcp!.summary).toContain(`failed at TCP: ${ip.mgmt}:8443 refused`);
		expect(tlsHang!.summary).toMatch(/failed at TLS: TLS handshake timed out/);
		expect(proxy403).toMatchObject({status: 'fail', owner: 'proxy-security-team'});
		expect(proxy403!.summary).toMatch(/blocked by a proxy: HTTP 403 .*via: 1\.1 proxy\.contoso\.example/);
		expect(crl!.status).toBe('pass');
	});

	it('says "possible path-MTU black hole" when TCP connects, the ClientHello leaves and the certificate flight never arrives', async () => {
		const result = await withScenario(ready, 'mtu-black-hole', async () => checkFrom(ready, 'dvm', 'egress.endpoint', {endpoints: ['management.azure.com'], timeoutMs: 4000}));
		expect(result).toMatchObject({status: 'fail', owner: 'network-team'});
		expect(result.summary).toContain('management.azure.com:443 failed at TLS: TLS handshake timed out after the ClientHello went out');
		expect(result.summary).toContain('possible path-MTU black hole');
		expect(result.remediation).toContain('ping -f -l 1472 management.azure.com');
		const handshake = result.evidence.find(record => record.kind === 'tls' && record.errorCode === 'TIMEOUT');
		expect(handshake).toMatchObject({bytesReceived: 0});
		expect(handshake!.bytesSent).toBeGreaterThan(0);
	});

	it('fails an explicit proxy in the environment it is given', async () => {
		const result = await checkFrom(ready, 'dvm', 'proxy.none', {env: {https_proxy: 'http://user:pw@10.200.2.17:3128'}, winHttp: false, unlikelyPort: {host: 'management.azure.com', port: 81}});
		expect(result).toMatchObject({status: 'fail', owner: 'operator'});
		expect(result.summary).toBe('an explicit proxy is configured: environment https_proxy = http://user:***@10.200.2.17:3128');
	});

	it('passes without proxy when nothing answers an unlikely port', async () => {
		const result = await checkFrom(ready, 'dvm', 'proxy.none', {env: {}, winHttp: false, unlikelyPort: {host: 'management.azure.com', port: 81}});
		expect(result.status).toBe('pass');
		expect(result.evidence.find(record => record.kind === 'tcp')?.errorCode).toBe('ECONNREFUSED');
	});
});
