/*
All the lab's node-based servers in one process on the "internet" host: fake DNS upstreams and
forwarders, a silent NTP server, the TLS/HTTP endpoints and the intercepting proxy.
Usage (inside the inet namespace): node --import tsx test/lab/servers/main.ts PKI_DIR
It exits on SIGTERM/SIGINT, and by itself after MAX_LIFE_MS (default 2 h) so nothing lingers.
*/
import {hostRecords, ip, proxyPort} from '../lab-config.js';
import {startFakeDns, type FakeDnsServer} from './fake-dns.js';
import {startFakeNtp, type FakeNtpServer} from './fake-ntp.js';
import {startWebServers, type WebServers} from './web-servers.js';

const pkiDir = process.argv[2];
if (!pkiDir) {
	console.error('usage: main.ts PKI_DIR');
	process.exit(2);
}

const closers: Array<FakeDnsServer | FakeNtpServer | WebServers> = [];
const stop = async () => {
	await Promise.allSettled(closers.map(async server => server.close()));
	process.exit(0);
};

process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
setTimeout(() => process.exit(0), Number(process.env.MAX_LIFE_MS ?? 7_200_000)).unref();

/** Address, UDP mode and (when it differs) TCP mode of every fake DNS server. */
const dnsPlan: Array<[string, string, string?]> = [
	[ip.dnsServfail, 'servfail'],
	[ip.dnsRefused, 'refused'],
	[ip.dnsDrop, 'drop'],
	[ip.dnsWrongId, 'wrong-id'],
	[ip.dnsSlow, 'lose-first:10.200.2.11'],
	[ip.dnsTruncating, 'tc', `answer:${ip.mgmt}`],
	[ip.dnsSplit, `answer:${ip.login}`, 'answer:10.200.2.99'],
	[ip.dnsSluggish, `slow:1300:${ip.mgmt}`],
	[ip.dnsCutOff, 'cut-off'],
	[ip.dnsEcho, 'not-response'],
	[ip.dnsUpward, 'upward'],
	[ip.dnsBadReferral, 'bad-referral'],
];
for (const [host, mode, tcpMode] of dnsPlan) {
	closers.push(await startFakeDns(host, 53, mode, tcpMode));
}

closers.push(await startFakeDns(ip.dnsAsym, 53, `answer:${ip.mgmt}`, `answer:${ip.mgmt}`, ip.dnsAsymReply));
closers.push(await startFakeNtp(ip.ntpAsym, 123, 'good', ip.ntpAsymReply));

closers.push(await startFakeNtp(ip.ntpSilent, 123, 'silent'));
closers.push(await startFakeNtp(ip.ntpEcho, 123, 'echo'));
closers.push(await startFakeNtp(ip.ntpBadOrigin, 123, 'bad-origin'));
closers.push(await startFakeNtp(ip.ntpShort, 123, 'short'));
const upstream = {
	'login.microsoftonline.com': {host: ip.login, port: 443},
	'login.windows.net': {host: ip.login, port: 443},
	'management.azure.com': {host: ip.mgmt, port: 443},
	'graph.windows.net': {host: ip.graph, port: 443},
	// Every other name the login certificate covers (identity hosts of the endpoint list).
	'*': {host: ip.login, port: 443},
};
closers.push(await startWebServers(pkiDir, [
	{kind: 'https', host: ip.login, port: 443, cert: 'login'},
	{kind: 'http', host: ip.login, port: 80, mode: 'ok'},
	{kind: 'https', host: ip.mgmt, port: 443, cert: 'mgmt'},
	{kind: 'https', host: ip.graph, port: 443, cert: 'graph'},
	{kind: 'https', host: ip.expired, port: 443, cert: 'expired'},
	{kind: 'hang', host: ip.hang, port: 443},
	{kind: 'https', host: ip.wrongname, port: 443, cert: 'wrongname'},
	{kind: 'proxy', host: ip.proxy, port: 443, upstream},
	{kind: 'https', host: ip.selfsigned, port: 443, cert: 'selfsigned'},
	{kind: 'http', host: ip.http403, port: 80, mode: 'proxy-403'},
	{kind: 'hang', host: ip.catchAll, port: 443},
	{kind: 'explicit-proxy', host: ip.proxyAuth, port: proxyPort, mode: 'auth-407', names: hostRecords},
	{kind: 'explicit-proxy', host: ip.proxyOpen, port: proxyPort, mode: 'connect-200', names: hostRecords},
	{kind: 'explicit-proxy', host: ip.proxyDeny, port: proxyPort, mode: 'deny-403', names: hostRecords},
	{kind: 'echo', host: ip.echo, port: 443, cert: 'echo'},
]));
console.log('lab servers ready');
