import {describe, expect, inject, it} from 'vitest';
import {checkRegistry} from '../../src/checks/registry.js';
import type {CheckResult, ProbeRecord} from '../../src/checks/types.js';
import {scenarioSchemas, type Condition, type VantageName} from '../../src/training/scenario-schema.js';

const {conditionSchema, scenarioSchema} = scenarioSchemas();
import {simulatedProbes} from '../../src/training/simulated-probes.js';
import {buildWorld} from '../../src/training/world.js';
import {bmcNetwork, hostAddress, hostRecords, ip, labTimeoutMs, type Vantage} from './lab-config.js';
import {checkFrom, labTitle, withScenario, type ReadyLab} from './lab-client.js';
import {proxyCaName} from './pki.js';

/*
The same fault, judged twice: once on the real lab network (real sockets, real servers, nft rules in
the router) and once on the training simulation of the same site. Status, owner, summary and
remediation must agree, modulo timings; the evidence must have the same shape, record by record.
*/

const lab = inject('lab');

/** The lab as a training scenario: its forwarders, time server, hosts and source addresses. */
const labSite = scenarioSchema.parse({
	id: 'lab-mirror',
	title: 'The network lab, simulated',
	teaches: 'parity between the simulation and the lab',
	worksheet: {dns_forwarders: [ip.dns, ip.dns2], time_server: ip.ntp, bmc_network: bmcNetwork, hlh_address: hostAddress.hlh, dvm_address: hostAddress.dvm},
	vantages: {DVM: hostAddress.dvm, HLH: hostAddress.hlh},
});

/** What the lab's servers and router do, in the scenario language (one condition per lab behaviour). */
const labBehaviour: Record<string, Condition> = Object.fromEntries(Object.entries({
	hosts: {hosts: hostRecords},
	refusingServer: {dns: [{server: ip.dnsRefused, behaviour: 'refused'}]},
	tcp53Dropped: {flows: [{to: '*', port: 53, protocol: 'tcp', action: 'drop'}]},
	clockAhead: {ntp: [{server: ip.ntpAhead, offsetSeconds: 7200, stratum: 8, referenceId: '127.127.1.1'}]},
	unsynchronised: {ntp: [{server: ip.ntpUnsync, behaviour: 'unsynchronised'}]},
	intercepting: {
		tls: [{host: '*', port: 443, certificate: 'intercepted', issuer: `${proxyCaName} (AzLab)`}],
		flows: [{to: ip.mgmt, port: 81, protocol: 'tcp', action: 'open'}],
	},
	// The lab router's base ACL for the HLH: dropped, reset and rejected with ICMP.
	hlhAcl: {flows: [{from: 'HLH', to: ip.mgmt, port: 443, action: 'reset'}, {from: 'HLH', to: ip.graph, action: 'icmp-unreachable'}]},
	// The lab's web servers name themselves.
	webServers: {http: [{host: '*', status: 200, headers: {server: 'azlab'}}]},
}).map(([name, condition]) => [name, conditionSchema.parse(condition)]));

const vantageName: Record<Vantage, VantageName> = {dvm: 'DVM', hlh: 'HLH'};

/** Runs a check in-process on the simulated lab with the given conditions in force. */
async function simulated(vantage: Vantage, conditions: Condition[], checkId: string, params: unknown): Promise<CheckResult> {
	const check = checkRegistry.get(checkId)!;
	const world = buildWorld(labSite, [labBehaviour.hosts!, labBehaviour.webServers!, ...conditions].map((condition, index) => ({name: `c${index}`, condition})));
	return check.run(check.params.parse(params), {
		signal: new AbortController().signal,
		timeoutMs: labTimeoutMs,
		dnsServers: [ip.dns, ip.dns2],
		extraCaPem: [],
		probes: simulatedProbes(world, vantageName[vantage], {timeScale: 0}),
	});
}

/** Text with timings and timestamps blanked: the only things allowed to differ. */
function untimed(text: string | undefined): string | undefined {
	return text
		?.replaceAll(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>')
		.replaceAll(/\d+(?:\.\d+)? ms\b/g, '<n> ms')
		.replaceAll(/\d+\.\d+ s\b/g, '<n> s');
}

/** A record's shape: its fields (without per-run values) and the outcome fields a judge reads. */
function shape(record: ProbeRecord) {
	const {kind, ok, errorCode, transport, connected, rcode, outcome, handshake, chainError} = record;
	return {keys: Object.keys(record).sort(), kind, ok, errorCode, transport, connected, rcode, outcome, handshake, chainError};
}

function expectSameJudgement(real: CheckResult, sim: CheckResult): void {
	expect({status: sim.status, owner: sim.owner, summary: untimed(sim.summary), remediation: untimed(sim.remediation)}).toEqual({
		status: real.status,
		owner: real.owner,
		summary: untimed(real.summary),
		remediation: untimed(real.remediation),
	});
	expect(sim.evidence.map(record => shape(record))).toEqual(real.evidence.map(record => shape(record)));
	expect(sim.vantage.localAddresses).toEqual(real.vantage.localAddresses);
}

describe.skipIf(!lab.ready)(labTitle(lab, 'training simulation and lab judge the same fault the same way'), () => {
	const ready = lab as ReadyLab;

	it('DNS: a forwarder refusing recursion', async () => {
		const params = {servers: [ip.dnsRefused], names: ['management.azure.com']};
		const real = await checkFrom(ready, 'dvm', 'dns.forwarder', params);
		expect(real.summary).toContain('REFUSED');
		expectSameJudgement(real, await simulated('dvm', [labBehaviour.refusingServer!], 'dns.forwarder', params));
	});

	it('DNS: TCP 53 blocked while UDP passes', async () => {
		const params = {servers: [ip.dns], names: ['management.azure.com']};
		const real = await withScenario(ready, 'dns-tcp-blocked', async () => checkFrom(ready, 'dvm', 'dns.forwarder', params));
		expect(real).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expectSameJudgement(real, await simulated('dvm', [labBehaviour.tcp53Dropped!], 'dns.forwarder', params));
	});

	it('NTP: a time server two hours ahead, and one that is not synchronised', async () => {
		const ahead = await checkFrom(ready, 'dvm', 'ntp.server', {server: ip.ntpAhead, samples: 2});
		expect(ahead.summary).toContain('Kerberos');
		expectSameJudgement(ahead, await simulated('dvm', [labBehaviour.clockAhead!], 'ntp.server', {server: ip.ntpAhead, samples: 2}));
		const unsync = await checkFrom(ready, 'dvm', 'ntp.server', {server: ip.ntpUnsync, samples: 1});
		expectSameJudgement(unsync, await simulated('dvm', [labBehaviour.unsynchronised!], 'ntp.server', {server: ip.ntpUnsync, samples: 1}));
	});

	it('TLS: a transparent proxy intercepting TLS (and answering an unlikely port)', async () => {
		// Nothing is dropped here, so a generous timeout costs nothing; the lab's short one let a handshake with the
		// intercepting proxy time out on a loaded machine (and read as a catch-all that never speaks TLS).
		const timeoutMs = 15_000;
		const checks = [
			['tls.not-intercepted', {endpoints: ['management.azure.com'], timeoutMs}],
			['egress.endpoint', {endpoints: ['management.azure.com'], timeoutMs}],
			['proxy.none', {env: {}, winHttp: false, unlikelyPort: {host: 'management.azure.com', port: 81}, timeoutMs}],
		] as const;
		const real = await withScenario(ready, 'intercept', async () => Promise.all(checks.map(async ([checkId, params]) => checkFrom(ready, 'dvm', checkId, params))));
		expect(real[0]!.summary).toContain(`issued by "${proxyCaName} (AzLab)"`);
		for (const [index, [checkId, params]] of checks.entries()) {
			expectSameJudgement(real[index]!, await simulated('dvm', [labBehaviour.intercepting!], checkId, params));
		}
	});

	it('ACL: the HLH dropped, reset and rejected where the DVM is not', async () => {
		const flows = [ip.login, ip.mgmt, ip.graph].map(host => ({host, port: 443, protocol: 'tcp'}));
		for (const expectation of ['allow', 'deny'] as const) {
			const params = {flows: flows.map(flow => ({...flow, expect: expectation})), expectedSource: bmcNetwork};
			const real = await checkFrom(ready, 'hlh', 'acl.flow', params);
			expect(real.status).toBe(expectation === 'allow' ? 'fail' : 'pass');
			expectSameJudgement(real, await simulated('hlh', [labBehaviour.hlhAcl!], 'acl.flow', params));
		}

		const params = {flows: flows.map(flow => ({...flow, expect: 'allow'})), expectedSource: bmcNetwork};
		expectSameJudgement(await checkFrom(ready, 'dvm', 'acl.flow', params), await simulated('dvm', [labBehaviour.hlhAcl!], 'acl.flow', params));
	});
});
