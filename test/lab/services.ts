import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {delegationRegions, labExternalDomain, writeDelegationLab} from './delegation-zones.js';
import {hostRecords, ip} from './lab-config.js';
import {nsName} from './topology.js';

/** Where libfaketime lives on Debian/Ubuntu (package `faketime`). */
export const libfaketime = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/faketime/libfaketime.so.1'].find(file => fs.existsSync(file));

const repoRoot = path.resolve(import.meta.dirname, '../..');

function dnsmasqConfig(runDir: string, served: {identity: string[]; crl: string[]}): string {
	// The lab's own names first; every other identity or CRL host of the endpoint list lands on the login server.
	const records = {...Object.fromEntries([...served.identity, ...served.crl].map(name => [name, ip.login])), ...hostRecords};
	return [
		'no-resolv',
		'no-hosts',
		'no-poll',
		'bind-interfaces',
		`listen-address=${ip.dns},${ip.dns2}`,
		'port=53',
		'pid-file=',
		'log-queries',
		`log-facility=${path.join(runDir, 'dnsmasq-queries.log')}`,
		...Object.entries(records).map(([name, address]) => `host-record=${name},${address}`),
		// A time server name that resolves to a pool: the right clock and the one two hours ahead.
		`host-record=pool.time.lab.example,${ip.ntp}`,
		`host-record=pool.time.lab.example,${ip.ntpAhead}`,
		'address=/nx.example/',
		'address=/sinkhole.example/0.0.0.0',
		`server=/servfail.example/${ip.dnsServfail}`,
		// Conditional forwarding of a delegated zone pair to the lab's "Azure Stack Hub DNS" (dns.delegation).
		`server=/${delegationRegions.forwarded}.${labExternalDomain}/${ip.azsDns1}`,
		`server=/${delegationRegions.forwarded}.cloudapp.${labExternalDomain}/${ip.azsDns1}`,
		'',
	].join('\n');
}

function chronyConfig(runDir: string, name: string, address: string, synchronised: boolean): string {
	// `local stratum 8` makes chronyd serve its own clock as synchronised; without it, it answers LI=3.
	return [...(synchronised ? ['local stratum 8'] : []), 'allow all', `bindaddress ${address}`, 'port 123', 'cmdport 0', `pidfile ${path.join(runDir, `${name}.pid`)}`, ''].join('\n');
}

/** Starts a daemon inside a namespace, logging to the run directory; returns its PID (`ip netns exec` execs in place). */
function launch(prefix: string, runDir: string, name: string, argv: string[], env: NodeJS.ProcessEnv = {}): number {
	const log = fs.openSync(path.join(runDir, `${name}.log`), 'a');
	// Detached, so the daemons outlive `npm run lab:up`; teardown kills them by PID.
	const child = spawn('ip', ['netns', 'exec', nsName(prefix, 'inet'), ...argv], {cwd: repoRoot, detached: true, stdio: ['ignore', log, log], env: {...process.env, ...env}});
	fs.closeSync(log);
	child.unref();
	if (child.pid === undefined) {
		throw new Error(`could not start ${name}`);
	}

	return child.pid;
}

/** Writes the configurations and starts every service on the inet host; returns their PIDs. */
export function startServices(prefix: string, runDir: string, pkiDir: string, served: {identity: string[]; crl: string[]}): number[] {
	fs.writeFileSync(path.join(runDir, 'dnsmasq.conf'), dnsmasqConfig(runDir, served));
	fs.writeFileSync(path.join(runDir, 'chrony-good.conf'), chronyConfig(runDir, 'chrony-good', ip.ntp, true));
	fs.writeFileSync(path.join(runDir, 'chrony-ahead.conf'), chronyConfig(runDir, 'chrony-ahead', ip.ntpAhead, true));
	fs.writeFileSync(path.join(runDir, 'chrony-unsync.conf'), chronyConfig(runDir, 'chrony-unsync', ip.ntpUnsync, false));
	const nsd = writeDelegationLab(runDir);
	const pids = [
		// NSD in the foreground: the parent zone and the "Azure Stack Hub DNS" servers of the delegation.
		launch(prefix, runDir, 'nsd-parent', ['nsd', '-d', '-c', nsd.parent]),
		launch(prefix, runDir, 'nsd-azs', ['nsd', '-d', '-c', nsd.delegated]),
		launch(prefix, runDir, 'dnsmasq', ['dnsmasq', '--keep-in-foreground', `--conf-file=${path.join(runDir, 'dnsmasq.conf')}`]),
		launch(prefix, runDir, 'chrony-good', ['chronyd', '-d', '-x', '-f', path.join(runDir, 'chrony-good.conf')]),
		// libfaketime moves this chronyd's clock two hours ahead; the other daemons keep the real time.
		launch(prefix, runDir, 'chrony-ahead', ['chronyd', '-d', '-x', '-f', path.join(runDir, 'chrony-ahead.conf')], {LD_PRELOAD: libfaketime ?? '', FAKETIME: '+2h'}),
		launch(prefix, runDir, 'chrony-unsync', ['chronyd', '-d', '-x', '-f', path.join(runDir, 'chrony-unsync.conf')]),
		launch(prefix, runDir, 'servers', [process.execPath, '--import', 'tsx', path.join(repoRoot, 'test/lab/servers/main.ts'), pkiDir]),
	];
	return pids;
}
