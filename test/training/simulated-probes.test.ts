import {describe, expect, it} from 'vitest';
import {checkRegistry} from '../../src/checks/registry.js';
import type {CheckContext} from '../../src/checks/types.js';
import {scenarioSchemas, type Condition} from '../../src/training/scenario-schema.js';

const {conditionSchema} = scenarioSchemas();
import {simulatedProbes} from '../../src/training/simulated-probes.js';
import {buildWorld} from '../../src/training/world.js';
import {shipped} from './helpers.js';

const site = shipped('healthy-site').scenario;

function probesWith(conditions: Condition[], timeScale = 0, vantage: 'DVM' | 'HLH' = 'DVM') {
	const world = buildWorld(site, conditions.map((condition, index) => ({name: `c${index}`, condition: conditionSchema.parse(condition)})));
	return simulatedProbes(world, vantage, {timeScale});
}

function context(probes: CheckContext['probes'], signal = new AbortController().signal): CheckContext {
	return {signal, timeoutMs: 5000, dnsServers: ['10.50.10.50', '10.50.10.51'], extraCaPem: [], probes};
}

const timers = () => process.getActiveResourcesInfo().filter(type => type === 'Timeout').length;

describe('simulated probes', () => {
	it('spend the timeout on a drop (scaled) and record the full simulated duration', async () => {
		const probes = probesWith([{flows: [{to: '10.50.10.50', port: 53, action: 'drop'}]}], 0.01);
		const started = performance.now();
		const record = await probes.dns({server: '10.50.10.50', port: 53, name: 'login.microsoftonline.com', transport: 'tcp', timeoutMs: 5000, signal: new AbortController().signal});
		const elapsed = performance.now() - started;
		expect(record).toMatchObject({ok: false, errorCode: 'TIMEOUT', connected: false, durationMs: 5000, localAddress: '10.193.132.29'});
		expect(elapsed).toBeGreaterThanOrEqual(40);
		// Scaled, not the real 5 s: the only upper bound that holds on a loaded machine.
		expect(elapsed).toBeLessThan(5000);
	});

	it('stop promptly when the run is aborted, leaving no timer behind', async () => {
		const probes = probesWith([{flows: [{to: '*', action: 'drop'}]}], 1);
		const before = timers();
		const abort = new AbortController();
		setTimeout(() => abort.abort(), 30);
		const [dns, web, ntp, tcp] = await Promise.all([
			probes.dns({server: '10.50.10.50', port: 53, name: 'x.example', transport: 'udp', timeoutMs: 5000, signal: abort.signal}),
			probes.web({address: '198.18.0.10', port: 443, hostname: 'login.microsoftonline.com', scheme: 'https', extraCaPem: [], timeoutMs: 5000, signal: abort.signal}),
			probes.ntpSample({server: '10.50.10.123', port: 123, timeoutMs: 5000, signal: abort.signal}),
			probes.tcp({host: 'management.azure.com', port: 443, timeoutMs: 5000, signal: abort.signal}),
		]);
		// ABORTED, not TIMEOUT: each probe ended on the abort, not on its 5 s timeout (no wall-clock bound: the machine may be loaded).
		expect([dns.errorCode, web.tcp.errorCode, ntp.errorCode, tcp.errorCode]).toEqual(['ABORTED', 'ABORTED', 'ABORTED', 'ABORTED']);
		// No timer left behind (one from an earlier test may have ended meanwhile).
		expect(timers()).toBeLessThanOrEqual(before);
	});

	it('answer an already aborted run at once, and a check then says it was stopped', async () => {
		const abort = new AbortController();
		abort.abort();
		const check = checkRegistry.get('dns.forwarder')!;
		const result = await check.run(check.params.parse({}), context(probesWith([]), abort.signal));
		expect(result.status).toBe('skipped');
		expect(result.evidence.every(record => record.errorCode === 'ABORTED')).toBe(true);
	});

	it('make an interception the DVM trusts pass egress but fail the TLS check (only the issuer gives it away)', async () => {
		const probes = probesWith([{tls: [{host: '*', certificate: 'intercepted', issuer: 'Fabrikam Inspection CA', trustedOnHost: true}]}]);
		const endpoints = ['login.microsoftonline.com'];
		const egress = checkRegistry.get('egress.endpoint')!;
		const tls = checkRegistry.get('tls.not-intercepted')!;
		expect((await egress.run(egress.params.parse({endpoints}), context(probes))).status).toBe('pass');
		const judged = await tls.run(tls.params.parse({endpoints}), context(probes));
		expect(judged).toMatchObject({status: 'fail', owner: 'proxy-security-team'});
		expect(judged.summary).toContain('issued by "Fabrikam Inspection CA" (trusted on this host, but not a public CA: Microsoft, DigiCert expected)');
	});

	it('tell expired, wrong-name, self-signed and handshake-less endpoints apart through the real TLS judge', async () => {
		const probes = probesWith([{tls: [
			{host: 'login.microsoftonline.com', certificate: 'expired'},
			{host: 'login.windows.net', certificate: 'wrong-name', presentedFor: 'portal.contoso.example'},
			{host: 'graph.windows.net', certificate: 'self-signed'},
			{host: 'management.azure.com', certificate: 'no-handshake'},
		]}]);
		const tls = checkRegistry.get('tls.not-intercepted')!;
		const summaries = await Promise.all(['login.microsoftonline.com', 'login.windows.net', 'graph.windows.net', 'management.azure.com'].map(async host => (await tls.run(tls.params.parse({endpoints: [host]}), context(probes))).summary));
		expect(summaries[0]).toMatch(/certificate expired on \d{4}-\d\d-\d\d/);
		expect(summaries[1]).toContain('wrong name: the certificate is for DNS:portal.contoso.example, not login.windows.net');
		expect(summaries[2]).toContain('self-signed certificate "graph.windows.net"');
		expect(summaries[3]).toContain('TLS handshake timed out: something accepts TCP but does not speak TLS');
	});

	it('find proxy headers with the real HTTP parser, and read the explicit proxy from the simulated host', async () => {
		const probes = probesWith([
			{http: [{host: 'login.microsoftonline.com', status: 407, headers: {via: '1.1 proxy.fabrikam.example', 'proxy-authenticate': 'Negotiate'}}]},
			{proxyEnv: {https_proxy: 'http://user:secret@proxy.fabrikam.example:3128'}},
		]);
		const egress = checkRegistry.get('egress.endpoint')!;
		const blocked = await egress.run(egress.params.parse({endpoints: ['login.microsoftonline.com']}), context(probes));
		expect(blocked.summary).toBe('login.microsoftonline.com:443 blocked by a proxy: HTTP 407 Proxy Authentication Required (via: 1.1 proxy.fabrikam.example; proxy-authenticate: Negotiate)');
		const proxy = checkRegistry.get('proxy.none')!;
		const explicit = await proxy.run(proxy.params.parse({winHttp: false}), context(probes));
		expect(explicit.summary).toBe('an explicit proxy is configured: environment https_proxy = http://user:***@proxy.fabrikam.example:3128');
		// The simulated host's proxy, never this process's environment.
		expect(process.env.https_proxy).toBeUndefined();
	});

	it('apply the last matching rule, so a later condition overrides an earlier one', async () => {
		const probes = probesWith([{dns: [{server: '10.50.10.50', behaviour: 'refused'}]}, {dns: [{server: '10.50.10.50', transport: 'udp', behaviour: 'answer'}]}]);
		const signal = new AbortController().signal;
		const udp = await probes.dns({server: '10.50.10.50', port: 53, name: 'a.example', transport: 'udp', timeoutMs: 100, signal});
		const tcp = await probes.dns({server: '10.50.10.50', port: 53, name: 'a.example', transport: 'tcp', timeoutMs: 100, signal});
		expect([udp.ok, tcp.errorCode]).toEqual([true, 'REFUSED']);
	});

	it('keep the HLH restricted to DNS and NTP on the healthy site', async () => {
		const probes = probesWith([], 0, 'HLH');
		const signal = new AbortController().signal;
		const web = await probes.web({address: '198.18.0.10', port: 443, hostname: 'management.azure.com', scheme: 'tcp', extraCaPem: [], timeoutMs: 100, signal});
		const dns = await probes.dns({server: '10.50.10.51', port: 53, name: 'a.example', transport: 'tcp', timeoutMs: 100, signal});
		expect([web.tcp.errorCode, dns.ok, dns.localAddress]).toEqual(['TIMEOUT', true, '10.193.132.30']);
	});
});
