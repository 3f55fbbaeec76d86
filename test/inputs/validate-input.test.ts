import {describe, expect, it} from 'vitest';
import {splitList, validateInput} from '../../src/inputs/validate-input.js';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import type {InputStep} from '../../src/runbook/schema.js';

/** The input steps of the embedded runbook: the rules under test are the ones shipped. */
const inputs = new Map(
	loadRunbook(embeddedRunbookPath())
		.runbook.phases.flatMap(phase => phase.steps)
		.filter((step): step is InputStep => step.kind === 'input')
		.map(step => [step.name, step]),
);
const step = (name: string): InputStep => inputs.get(name)!;
const refused = (reason: string) => ({ok: false, reason});

describe('region: letters and digits only', () => {
	it.each(['east', 'West2', 'redmond01'])('accepts %s (lower-cased)', value => {
		expect(validateInput(step('region'), value)).toEqual({ok: true, value: value.toLowerCase(), warnings: []});
	});

	it.each(['east-1', 'west_us', 'north europe', 'région', ''])('refuses %j', value => {
		expect(validateInput(step('region'), value)).toEqual(
			refused(`Region may contain letters and digits only (it becomes part of every endpoint name), not "${value}"`));
	});
});

describe('DNS forwarders: one or more IPv4 addresses, warn when fewer than two', () => {
	it('accepts two without a warning, from a list or from pasted text', () => {
		expect(validateInput(step('dns_forwarders'), ['10.50.10.50', '10.50.10.51'])).toEqual({ok: true, value: ['10.50.10.50', '10.50.10.51'], warnings: []});
		expect(validateInput(step('dns_forwarders'), '10.50.10.50, 10.50.10.51')).toEqual({ok: true, value: ['10.50.10.50', '10.50.10.51'], warnings: []});
	});

	it('accepts one with a warning', () => {
		expect(validateInput(step('dns_forwarders'), '10.50.10.50')).toEqual({
			ok: true,
			value: ['10.50.10.50'],
			warnings: ['only 1 given; 2 are recommended for fault tolerance'],
		});
	});

	it('refuses none', () => {
		expect(validateInput(step('dns_forwarders'), '')).toEqual(refused('DNS forwarders needs at least 1 entry'));
		expect(validateInput(step('dns_forwarders'), [])).toEqual(refused('DNS forwarders needs at least 1 entry'));
	});

	it.each([
		['dns.fabrikam.com', 'DNS forwarders: "dns.fabrikam.com" is not an IPv4 address'],
		['10.50.10.300', 'DNS forwarders: "10.50.10.300" is not an IPv4 address'],
		['10.50.10.050', 'DNS forwarders: "10.50.10.050" is not an IPv4 address'],
		['10.50.10.50/32', 'DNS forwarders: "10.50.10.50/32" is not an IPv4 address'],
		['10.50.10.50, 10.50.10.50', 'DNS forwarders: 10.50.10.50 is listed twice'],
	])('refuses %j', (value, reason) => {
		expect(validateInput(step('dns_forwarders'), value)).toEqual(refused(reason));
	});
});

describe('time server: exactly one IPv4 address; an FQDN is accepted with a warning', () => {
	it('accepts one IPv4 address', () => {
		expect(validateInput(step('time_server'), '10.50.10.123')).toEqual({ok: true, value: '10.50.10.123', warnings: []});
	});

	it('accepts an FQDN with the switch warning', () => {
		expect(validateInput(step('time_server'), 'time.Fabrikam.com')).toEqual({
			ok: true,
			value: 'time.fabrikam.com',
			warnings: ['a name, not an IPv4 address: switches that cannot resolve names fail to reach it; get its IPv4 address from the time-server owner'],
		});
	});

	it.each([
		['10.50.10.123, 10.50.10.124', 'Time server (NTP) must be exactly one address; 2 were given'],
		['', 'Time server (NTP) must be exactly one address; none was given'],
		['10.50.10.300', 'Time server (NTP) must be one IPv4 address (e.g. 10.0.0.123), not "10.50.10.300"'],
		['10.50.10.123,0x8', 'Time server (NTP) must be exactly one address; 2 were given'],
		['time server', 'Time server (NTP) must be exactly one address; 2 were given'],
	])('refuses %j', (value, reason) => {
		expect(validateInput(step('time_server'), value)).toEqual(refused(reason));
	});
});

describe('networks: BMC /26; Public VIP /22 to /26 with /24 recommended; no overlaps; host bits refused', () => {
	it('BMC network must be a /26', () => {
		expect(validateInput(step('bmc_network'), '10.193.132.0/26')).toEqual({ok: true, value: '10.193.132.0/26', warnings: []});
		expect(validateInput(step('bmc_network'), '10.193.132.0/27')).toEqual(refused('BMC network must be a /26, not a /27'));
		expect(validateInput(step('bmc_network'), '10.193.132.0/24')).toEqual(refused('BMC network must be a /26, not a /24'));
	});

	it('refuses host bits set, naming the network address', () => {
		expect(validateInput(step('bmc_network'), '10.193.132.29/26'))
			.toEqual(refused('BMC network: "10.193.132.29/26" has host bits set; the network address is 10.193.132.0/26'));
		expect(validateInput(step('public_vip_pool'), '203.0.113.128/24'))
			.toEqual(refused('Public VIP pool: "203.0.113.128/24" has host bits set; the network address is 203.0.113.0/24'));
	});

	it('refuses what is not a CIDR', () => {
		expect(validateInput(step('bmc_network'), '10.193.132.0')).toEqual(refused('BMC network: "10.193.132.0" is not a network in CIDR form (e.g. 10.0.0.0/26)'));
		expect(validateInput(step('bmc_network'), '10.193.132.0/33')).toEqual(refused('BMC network: /33 is not a valid prefix length (0–32)'));
	});

	it('Public VIP pool: /24 accepted quietly, /22 to /26 with a warning, outside refused', () => {
		expect(validateInput(step('public_vip_pool'), '203.0.113.0/24')).toEqual({ok: true, value: '203.0.113.0/24', warnings: []});
		expect(validateInput(step('public_vip_pool'), '198.18.0.0/22')).toEqual({ok: true, value: '198.18.0.0/22', warnings: ['a /24 is recommended; /22 given']});
		expect(validateInput(step('public_vip_pool'), '203.0.113.0/26')).toEqual({ok: true, value: '203.0.113.0/26', warnings: ['a /24 is recommended; /26 given']});
		expect(validateInput(step('public_vip_pool'), '198.16.0.0/21')).toEqual(refused('Public VIP pool must be between /22 and /26, not a /21'));
		expect(validateInput(step('public_vip_pool'), '203.0.113.0/27')).toEqual(refused('Public VIP pool must be between /22 and /26, not a /27'));
	});

	it('refuses a Public VIP pool that overlaps the BMC network, and the other way round', () => {
		expect(validateInput(step('public_vip_pool'), '10.193.132.0/24', {bmc_network: '10.193.132.0/26'}))
			.toEqual(refused('Public VIP pool: 10.193.132.0/24 overlaps bmc network 10.193.132.0/26'));
		expect(validateInput(step('bmc_network'), '10.193.132.64/26', {public_vip_pool: '10.193.132.0/24'}))
			.toEqual(refused('BMC network: 10.193.132.64/26 overlaps public vip pool 10.193.132.0/24'));
	});

	it('accepts adjacent networks that do not overlap', () => {
		expect(validateInput(step('public_vip_pool'), '10.193.133.0/24', {bmc_network: '10.193.132.192/26'}))
			.toEqual({ok: true, value: '10.193.133.0/24', warnings: []});
	});
});

describe('permitted networks: a list of CIDRs, warn when empty (default deny)', () => {
	const emptyWarning = 'no permitted networks: switch management and the HLH will be unreachable from the datacenter (default deny)';

	it('accepts a list', () => {
		expect(validateInput(step('permitted_networks'), '10.20.0.0/24, 10.30.0.0/16')).toEqual({ok: true, value: ['10.20.0.0/24', '10.30.0.0/16'], warnings: []});
	});

	it('accepts an empty list with the default-deny warning', () => {
		expect(validateInput(step('permitted_networks'), '')).toEqual({ok: true, value: [], warnings: [emptyWarning]});
		expect(validateInput(step('permitted_networks'), [])).toEqual({ok: true, value: [], warnings: [emptyWarning]});
	});

	it('refuses overlapping entries, host bits and overlaps with the stamp networks', () => {
		expect(validateInput(step('permitted_networks'), '10.20.0.0/16, 10.20.5.0/24')).toEqual(refused('Permitted networks: 10.20.5.0/24 overlaps 10.20.0.0/16'));
		expect(validateInput(step('permitted_networks'), '10.20.0.1/24'))
			.toEqual(refused('Permitted networks: "10.20.0.1/24" has host bits set; the network address is 10.20.0.0/24'));
		expect(validateInput(step('permitted_networks'), '10.193.0.0/16', {bmc_network: '10.193.132.0/26'}))
			.toEqual(refused('Permitted networks: 10.193.0.0/16 overlaps bmc network 10.193.132.0/26'));
	});
});

describe('the other input types', () => {
	it('enum: one of the options, matched without case and returned as written', () => {
		expect(validateInput(step('azure_environment'), 'azurecloud')).toEqual({ok: true, value: 'AzureCloud', warnings: []});
		expect(validateInput(step('azure_environment'), 'AzureGermanCloud'))
			.toEqual(refused('Azure environment must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud, not "AzureGermanCloud"'));
	});

	it('fqdn: a domain name, lower-cased', () => {
		expect(validateInput(step('external_domain'), 'Cloud.Fabrikam.com')).toEqual({ok: true, value: 'cloud.fabrikam.com', warnings: []});
		expect(validateInput(step('external_domain'), 'fabrikam')).toEqual(refused('External domain name must be a domain name such as cloud.fabrikam.com, not "fabrikam"'));
		expect(validateInput(step('external_domain'), 'cloud..fabrikam.com'))
			.toEqual(refused('External domain name must be a domain name such as cloud.fabrikam.com, not "cloud..fabrikam.com"'));
	});

	it('ipv4: one address, no leading zeros', () => {
		expect(validateInput(step('hlh_address'), ' 10.193.132.30 ')).toEqual({ok: true, value: '10.193.132.30', warnings: []});
		expect(validateInput(step('hlh_address'), '10.193.132.030')).toEqual(refused('HLH OS address must be one IPv4 address (e.g. 10.0.0.53), not "10.193.132.030"'));
	});

	it('text: a pattern with its own message', () => {
		const text: InputStep = {
			kind: 'input', id: 'prefix', name: 'prefix', type: 'text', title: 'Naming prefix', body: 'b',
			blocking: true, overridable: true, freeze: false, rules: {pattern: '^[a-z]{1,8}$', patternMessage: 'up to 8 lower-case letters'},
		};
		expect(validateInput(text, 'azs')).toEqual({ok: true, value: 'azs', warnings: []});
		expect(validateInput(text, 'AZS-01')).toEqual(refused('Naming prefix: up to 8 lower-case letters'));
		expect(validateInput(text, '')).toEqual(refused('Naming prefix must not be empty'));
	});

	it('a CIDR rule with only one bound still refuses outside it', () => {
		const base = {kind: 'input', id: 'n', name: 'n', type: 'cidr', title: 'Infrastructure network', body: 'b', blocking: true, overridable: true, freeze: false} as const;
		expect(validateInput({...base, rules: {prefixMax: 24}}, '10.0.0.0/25')).toEqual(refused('Infrastructure network must be a /24 or larger, not a /25'));
		expect(validateInput({...base, rules: {prefixMin: 20}}, '10.0.0.0/16')).toEqual(refused('Infrastructure network must be a /20 or smaller, not a /16'));
		expect(validateInput({...base, rules: {prefixMin: 20}}, '10.0.0.0/24')).toEqual({ok: true, value: '10.0.0.0/24', warnings: []});
	});

	it('lists split on commas, spaces, semicolons and new lines', () => {
		expect(splitList('10.0.0.1,10.0.0.2; 10.0.0.3\n10.0.0.4  ')).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']);
	});
});

describe('host addresses: on their network, never a network or broadcast address, the DVM apart from the HLH and the Public VIPs', () => {
	const site = {bmc_network: '10.193.132.0/26', public_vip_pool: '203.0.113.0/24'};

	it('accepts the HLH and the DVM on the BMC network', () => {
		expect(validateInput(step('hlh_address'), '10.193.132.30', site)).toEqual({ok: true, value: '10.193.132.30', warnings: []});
		expect(validateInput(step('dvm_address'), '10.193.132.29', {...site, hlh_address: '10.193.132.30'})).toEqual({ok: true, value: '10.193.132.29', warnings: []});
	});

	it('refuses the HLH outside the BMC network, naming its hosts', () => {
		expect(validateInput(step('hlh_address'), '10.193.132.70', site))
			.toEqual(refused('HLH OS address: 10.193.132.70 is outside the bmc network 10.193.132.0/26; it must be one of its hosts (10.193.132.1 to 10.193.132.62)'));
	});

	it('refuses the network and the broadcast address of an entered network as a host address', () => {
		expect(validateInput(step('hlh_address'), '10.193.132.0', site))
			.toEqual(refused('HLH OS address: 10.193.132.0 is the network address of the bmc network 10.193.132.0/26, not a host address (hosts are 10.193.132.1 to 10.193.132.62)'));
		expect(validateInput(step('dvm_address'), '10.193.132.63', site))
			.toEqual(refused('DVM address: 10.193.132.63 is the broadcast address of the bmc network 10.193.132.0/26, not a host address (hosts are 10.193.132.1 to 10.193.132.62)'));
		expect(validateInput(step('dns_forwarders'), '10.50.10.50, 203.0.113.255', site))
			.toEqual(refused('DNS forwarders: 203.0.113.255 is the broadcast address of the public vip pool 203.0.113.0/24, not a host address (hosts are 203.0.113.1 to 203.0.113.254)'));
		expect(validateInput(step('time_server'), '203.0.113.0', site))
			.toEqual(refused('Time server (NTP): 203.0.113.0 is the network address of the public vip pool 203.0.113.0/24, not a host address (hosts are 203.0.113.1 to 203.0.113.254)'));
		expect(validateInput(step('time_server'), '0.0.0.0')).toEqual(refused('Time server (NTP): 0.0.0.0 means "any address", not a host'));
		expect(validateInput(step('dns_forwarders'), '255.255.255.255')).toEqual(refused('DNS forwarders: 255.255.255.255 is the broadcast address of every network, not a host'));
		expect(validateInput(step('dns_forwarders'), '224.0.0.251')).toEqual(refused('DNS forwarders: 224.0.0.251 is a multicast address, not a host'));
	});

	it('refuses the DVM equal to the HLH, and inside the Public VIP pool', () => {
		expect(validateInput(step('dvm_address'), '10.193.132.30', {...site, hlh_address: '10.193.132.30'}))
			.toEqual(refused('DVM address: 10.193.132.30 is already the hlh address; each needs an address of its own'));
		expect(validateInput(step('hlh_address'), '10.193.132.29', {...site, dvm_address: '10.193.132.29'}))
			.toEqual(refused('HLH OS address: 10.193.132.29 is already the dvm address; each needs an address of its own'));
		expect(validateInput(step('dvm_address'), '203.0.113.7', {public_vip_pool: '203.0.113.0/24'}))
			.toEqual(refused('DVM address: 203.0.113.7 lies in the public vip pool 203.0.113.0/24, which cannot hold it'));
	});

	it('waits for a network not entered yet', () => {
		expect(validateInput(step('hlh_address'), '10.9.9.11')).toEqual({ok: true, value: '10.9.9.11', warnings: []});
	});
});
