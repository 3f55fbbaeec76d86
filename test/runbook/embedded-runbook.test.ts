import {describe, expect, it} from 'vitest';
import {registeredCheckIds} from '../../src/checks/registry.js';
import {durationSeconds} from '../../src/engine/durations.js';
import {validateInput} from '../../src/inputs/validate-input.js';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import type {InputStep, Step} from '../../src/runbook/schema.js';

const loaded = loadRunbook(embeddedRunbookPath());
const {runbook} = loaded;
const steps: Step[] = runbook.phases.flatMap(phase => phase.steps);
const inputs = new Map(steps.filter((step): step is InputStep => step.kind === 'input').map(step => [step.name, step]));
const input = (name: string): InputStep => {
	const step = inputs.get(name);
	if (!step) {
		throw new Error(`no input ${name}`);
	}

	return step;
};

describe('the embedded runbook', () => {
	it('loads and validates', () => {
		expect(runbook.id).toBe('azure-stack-hub');
		expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('has the ten phases of a deployment, in order', () => {
		expect(runbook.phases.map(phase => phase.id)).toEqual([
			'session',
			'worksheet',
			'pre-arrival',
			'border',
			'dvm-egress',
			'switch-acl',
			'deploy',
			'post-deployment',
			'register-validate',
			'handover',
		]);
	});

	it('uses every step kind', () => {
		expect(new Set(steps.map(step => step.kind))).toEqual(new Set(['instruction', 'input', 'confirm', 'check', 'command']));
	});

	it('says why for every step, and what to do on failure for every step that can fail', () => {
		for (const step of steps) {
			expect(step.why, step.id).toBeTruthy();
			if (step.kind !== 'instruction') {
				expect(step.onFailure, step.id).toBeTruthy();
			}
		}
	});

	it('gives a reason wherever a step cannot be overridden', () => {
		for (const step of steps.filter(each => !each.overridable)) {
			expect(step.notOverridableReason, step.id).toBeTruthy();
		}
	});

	it('has training hints on the trickier steps', () => {
		const hinted = steps.filter(step => (step.hints ?? []).length > 0).map(step => step.id);
		expect(hinted.length).toBeGreaterThanOrEqual(10);
		expect(hinted).toEqual(expect.arrayContaining(['dns-forwarders', 'time-server', 'egress-no-tls-interception', 'post-dns-integration']));
	});

	it('selects the endpoint list by the Azure environment, one list per option', () => {
		expect(runbook.endpointLists?.selectBy).toBe('azure_environment');
		expect(Object.keys(runbook.endpointLists?.lists ?? {}).sort()).toEqual([...input('azure_environment').rules!.options!].sort());
		expect(Object.keys(loaded.endpointLists).sort()).toEqual(['AzureChinaCloud', 'AzureCloud', 'AzureUSGovernment']);
		expect(runbook.dnsForwardersInput).toBe('dns_forwarders');
		expect(input('dns_forwarders').type).toBe('ipv4-list');
	});

	it('references only registered checks', () => {
		const registered = new Set(registeredCheckIds());
		for (const step of steps) {
			if (step.kind === 'check') {
				expect(registered.has(step.check), `${step.id}: ${step.check}`).toBe(true);
			}
		}
	});

	it('keeps check steps in the phases the richer checks will take over', () => {
		const phasesWithChecks = runbook.phases.filter(phase => phase.steps.some(step => step.kind === 'check')).map(phase => phase.id);
		expect(phasesWithChecks).toEqual(['dvm-egress', 'switch-acl', 'deploy', 'post-deployment', 'register-validate']);
		const dvm = runbook.phases.find(phase => phase.id === 'dvm-egress')!;
		// The identity endpoints come from the selected cloud's endpoint list, layer by layer.
		const identity = dvm.steps.find(step => step.kind === 'check' && step.id === 'egress-identity');
		expect(identity).toMatchObject({check: 'egress.endpoint', params: {endpoints: {$endpoints: 'identity'}}});
	});

	it('gives checks a time-to-live, shorter for the re-verification just before deployment', () => {
		for (const phase of runbook.phases) {
			for (const step of phase.steps) {
				if (step.kind === 'check') {
					expect(step.ttl, step.id).toBeDefined();
					const seconds = durationSeconds(step.ttl!);
					if (phase.id === 'deploy') {
						expect(seconds, step.id).toBeLessThan(durationSeconds('12h'));
					} else {
						expect(seconds, step.id).toBeLessThanOrEqual(durationSeconds('12h'));
					}
				}
			}
		}
	});

	it('runs PowerShell, netsh and Windows tools only on Windows', () => {
		for (const step of steps) {
			if (step.kind === 'command') {
				expect(step.platforms, step.id).toEqual(['win32']);
				expect(step.blocking, step.id).toBe(false);
			}
		}
	});
});

describe('the embedded runbook inputs follow the domain input rules', () => {
	it('session decisions are enums', () => {
		expect(input('connection_model').rules?.options).toEqual(['connected', 'disconnected']);
		expect(input('identity_system').rules?.options).toEqual(['EntraID', 'ADFS']);
		expect(input('identity_system').why).toMatch(/permanent/);
		expect(input('azure_environment').rules?.options).toEqual(['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud']);
		expect(input('billing_model').type).toBe('enum');
	});

	it('DNS forwarders and the time server are frozen and cannot be overridden', () => {
		expect(input('dns_forwarders')).toMatchObject({type: 'ipv4-list', freeze: true, overridable: false, rules: {minItems: 1, warnBelow: 2}});
		expect(input('time_server')).toMatchObject({
			type: 'ipv4-or-fqdn',
			freeze: true,
			overridable: false,
			rules: {fqdnWarning: 'a name, not an IPv4 address: switches that cannot resolve names fail to reach it; get its IPv4 address from the time-server owner'},
		});
		expect(input('dns_forwarders').notOverridableReason).toMatch(/switch/);
	});

	it('networks: BMC /26, Public VIP /22 to /26 (/24 recommended), no overlaps, permitted networks may be empty with a warning', () => {
		expect(input('bmc_network')).toMatchObject({type: 'cidr', rules: {prefixMin: 26, prefixMax: 26}});
		expect(input('public_vip_pool')).toMatchObject({type: 'cidr', rules: {prefixMin: 22, prefixMax: 26, prefixRecommended: 24}});
		expect(input('public_vip_pool').rules?.noOverlapWith).toContain('bmc_network');
		expect(input('permitted_networks')).toMatchObject({
			type: 'cidr-list',
			rules: {minItems: 0, warnWhenEmpty: 'no permitted networks: switch management and the HLH will be unreachable from the datacenter (default deny)'},
		});
		expect(input('region').type).toBe('region');
		expect(input('external_domain').type).toBe('fqdn');
		expect(input('dvm_address')).toMatchObject({type: 'ipv4', blocking: false});
		expect(input('hlh_address').type).toBe('ipv4');
	});

	it('every example value is accepted by its own input', () => {
		for (const step of inputs.values()) {
			if (step.example !== undefined) {
				const verdict = validateInput(step, step.example);
				expect(verdict, `${step.name} = ${step.example}`).toMatchObject({ok: true});
			}
		}
	});

	it('inputs come before the phases that use them', () => {
		// The loader refuses references to later inputs; this pins the worksheet phase as the home of site values.
		const worksheet = runbook.phases.find(phase => phase.id === 'worksheet')!;
		const names = worksheet.steps.filter((step): step is InputStep => step.kind === 'input').map(step => step.name);
		expect(names).toEqual(expect.arrayContaining(['region', 'external_domain', 'dns_forwarders', 'time_server', 'bmc_network', 'public_vip_pool', 'permitted_networks', 'hlh_address', 'dvm_address']));
	});
});
