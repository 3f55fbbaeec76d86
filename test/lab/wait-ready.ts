/*
Proves the lab's services answer, by real queries from the DVM: run inside the DVM namespace.
Polls (every 50 ms, at most 15 s) until every service has answered once; exit 0 when all did,
else prints what never answered and exits 1.
*/
import {probeDns} from '../../src/checks/probes/dns-probe.js';
import {probeNtpSample} from '../../src/checks/probes/ntp-probe.js';
import {probeWeb} from '../../src/checks/probes/web-probe.js';
import {ip} from './lab-config.js';

const signal = new AbortController().signal;
const pending = new Map<string, () => Promise<boolean>>([
	['dnsmasq', async () => (await probeDns({server: ip.dns, port: 53, name: 'management.azure.com', transport: 'udp', timeoutMs: 200, signal})).ok],
	['nsd parent', async () => (await probeDns({server: ip.parentDns, port: 53, name: 'azurestack.lab.example', type: 'SOA', recursionDesired: false, transport: 'udp', timeoutMs: 200, signal})).aa === true],
	...[ip.azsDns1, ip.azsDns2].map((server): [string, () => Promise<boolean>] => [`nsd ${server}`, async () => (await probeDns({server, port: 53, name: 'local.azurestack.lab.example', type: 'SOA', recursionDesired: false, transport: 'udp', timeoutMs: 200, signal})).aa === true]),
	['fake dns', async () => (await probeDns({server: ip.dnsRefused, port: 53, name: 'x.example', transport: 'udp', timeoutMs: 200, signal})).rcode === 'REFUSED'],
	...[ip.ntp, ip.ntpAhead, ip.ntpUnsync].map((server): [string, () => Promise<boolean>] => [`chronyd ${server}`, async () => (await probeNtpSample({server, port: 123, timeoutMs: 200, signal})).ok]),
	['web servers', async () => (await probeWeb({address: ip.http403, port: 80, hostname: 'blocked.example', scheme: 'tcp', extraCaPem: [], timeoutMs: 200, signal})).tcp.ok],
	// The last web server started: when it listens, so do the ones before it.
	['echo server', async () => (await probeWeb({address: ip.echo, port: 443, hostname: 'myip.lab.example', scheme: 'tcp', extraCaPem: [], timeoutMs: 200, signal})).tcp.ok],
]);
const deadline = performance.now() + 15_000;
while (pending.size > 0 && performance.now() < deadline) {
	for (const [name, ready] of pending) {
		if (await ready()) {
			pending.delete(name);
		}
	}

	if (pending.size > 0) {
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

if (pending.size > 0) {
	console.error(`lab services not ready: ${[...pending.keys()].join(', ')}`);
	process.exit(1);
}
