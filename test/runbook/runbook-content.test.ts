import {describe, expect, it} from 'vitest';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {stepApplicability} from '../../src/runbook/conditions.js';
import type {CheckStep, ConfirmStep, InputStep, Phase, Step} from '../../src/runbook/schema.js';
import {siteStep} from '../../src/runbook/site-text.js';
import {citedSources} from '../../src/runbook/sources.js';

/*
The runbook's facts, checked against what Microsoft's Azure Stack Hub operator documentation says
(each step cites its documents with `source:`). A change that drops a fact fails here.
*/

const {runbook} = loadRunbook(embeddedRunbookPath());
const located = runbook.phases.flatMap(phase => phase.steps.map(step => ({phase, step})));
const steps: Step[] = located.map(({step}) => step);
const step = <S extends Step = Step>(id: string): S => {
	const found = steps.find(each => each.id === id);
	if (!found) {
		throw new Error(`no step ${id}`);
	}

	return found as S;
};

const phaseOf = (id: string): Phase => located.find(each => each.step.id === id)!.phase;
const phaseIndex = (id: string) => runbook.phases.indexOf(phaseOf(id));
const stepIndex = (id: string) => steps.findIndex(each => each.id === id);
const allText = (each: Step) => [each.title, each.body, each.why ?? '', each.onFailure ?? '', each.kind === 'confirm' ? each.attestation : '', ...(each.hints ?? [])].join('\n');

/** Sample worksheet values: a /24 pool, the Infrastructure /24 and the BMC /26. */
const site = {
	public_vip_pool: '10.50.4.0/24',
	infrastructure_network: '10.100.5.0/24',
	bmc_network: '10.193.132.0/26',
	dns_forwarders: ['10.50.10.50', '10.50.10.51'],
	time_server: '10.50.10.123',
	billing_model: 'Capacity',
};
const threeRanges = ['10.50.4.0/27', '10.100.5.224/27', '10.193.132.32/27'];

describe('every step says where its facts come from', () => {
	it('cites at least one dated document, and every check and input step does', () => {
		for (const each of steps) {
			const sources = citedSources(runbook, each);
			expect(sources.length, each.id).toBeGreaterThan(0);
			for (const source of sources) {
				expect(source.date, `${each.id}: ${source.doc}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				expect(source.doc, each.id).toMatch(/^(azure-stack\/(operator|ruggedized)\/[a-z0-9-]+\.md|https:\/\/github\.com\/MicrosoftDocs\/azure-stack-docs\/issues\/\d+)$/);
			}
		}
	});

	it('follows the network planning page of 2025 and the endpoint list of 2022', () => {
		expect(runbook.sources?.network).toMatchObject({doc: 'azure-stack/operator/azure-stack-network.md', date: '2025-08-13'});
		expect(runbook.sources?.endpoints).toMatchObject({doc: 'azure-stack/operator/azure-stack-integrate-endpoints.md', date: '2022-01-10'});
	});
});

describe('correction 1: Public VIP and infrastructure sources reach the internet during deployment', () => {
	it('confirms the firewall for the three ranges in the border phase, before deploy, with the ranges computed from the inputs', () => {
		const confirm = step<ConfirmStep>('border-deployment-sources');
		expect(phaseOf('border-deployment-sources').id).toBe('border');
		expect(phaseIndex('border-deployment-sources')).toBeLessThan(runbook.phases.findIndex(phase => phase.id === 'deploy'));
		expect(confirm).toMatchObject({kind: 'confirm', blocking: true, overridable: false});
		const shown = siteStep(confirm, site);
		for (const range of threeRanges) {
			expect(shown.title).toContain(range);
			expect(shown.attestation).toContain(range);
		}

		expect(shown.body).toMatch(/HTTP 80 and\s+HTTPS 443 to the identity endpoints/);
		expect(shown.body).toContain('TCP and UDP 53 to the DNS forwarders (10.50.10.50, 10.50.10.51)');
		expect(shown.body).toContain('UDP 123 to the time server (10.50.10.123)');
		expect(citedSources(runbook, confirm).map(source => source.doc)).toEqual(expect.arrayContaining(['azure-stack/operator/deployment-networking.md', 'azure-stack/operator/azure-stack-transparent-proxy.md', 'https://github.com/MicrosoftDocs/azure-stack-docs/issues/529']));
	});

	it('lists all three ranges wherever TLS-inspection exemptions are asked for', () => {
		for (const id of ['border-nat', 'egress-tls-not-intercepted', 'egress-no-tls-interception']) {
			const text = allText(siteStep(step(id), site));
			expect(text, id).toMatch(/TLS (inspection|interception)/);
			for (const range of threeRanges) {
				expect(text, `${id}: ${range}`).toContain(range);
			}
		}
	});
});

describe('correction 2: the HLH is restricted, not cut off', () => {
	it('tests the OEM design as data: DNS and NTP allowed, HTTPS to confirm with the OEM, another port denied, owner OEM', () => {
		const check = step<CheckStep>('acl-hlh-denied');
		const flows = check.params.flows as Array<Record<string, unknown>>;
		expect(flows.map(flow => flow.expect)).toEqual(['allow', 'allow', 'confirm', 'deny']);
		expect(flows.filter(flow => flow.expect !== 'allow').every(flow => flow.owner === 'oem')).toBe(true);
		expect(flows.find(flow => flow.expect === 'confirm')).toMatchObject({port: 443});
		expect(flows.some(flow => flow.port === 3389)).toBe(false);
	});

	it('has no outbound RDP probe and no blocking attestation that the HLH is denied the internet', () => {
		const confirm = step<ConfirmStep>('acl-hlh-restricted');
		expect(confirm.blocking).toBe(false);
		expect(allText(confirm)).not.toMatch(/3389|denied the internet|must be denied/);
		for (const each of steps) {
			expect(allText(each), each.id).not.toMatch(/TCP 3389 to a datacenter host/);
		}
	});
});

describe('correction 3: Public VIP egress proven the documented way, from the first /27 exactly', () => {
	it('expects the first /27 of the pool, not the whole pool, and says a tenant VIP proves nothing', () => {
		const check = step<CheckStep>('post-public-vip-flows');
		expect(check.params.expectedSource).toEqual({$firstSubnet: 'public_vip_pool', prefix: 27});
		expect(check.blocking).toBe(false);
		expect(siteStep(check, site).title).toContain('10.50.4.0/27');
		expect(check.body).toMatch(/tenant VIP/);
	});

	it('keeps Test-AzureStack -Include AzsNetworkInfra from the privileged endpoint as the proof that cannot be overridden', () => {
		const confirm = step<ConfirmStep>('post-test-network-infra');
		expect(confirm).toMatchObject({blocking: true, overridable: false});
		expect(confirm.body).toContain('Test-AzureStack -Include AzsNetworkInfra');
		expect(siteStep(confirm, site).attestation).toContain('10.50.4.0/27');
	});
});

describe('corrections 4 to 7', () => {
	it('4: capacity registration passes -AgreementNumber', () => {
		const text = siteStep(step('register-registration'), site).body;
		expect(text).toContain('-BillingModel Capacity');
		expect(text).toContain('-AgreementNumber');
		expect(text).toContain('-RegistrationName');
	});

	it('6: static routing shows both the 2025 page (at least two links) and the 2019 page (four)', () => {
		const routing = step('border-routing');
		expect(routing.body).toMatch(/at least two border-to-ToR links/);
		expect(routing.why).toMatch(/2025.*at least two links.*2019.*all four/s);
	});

	it('6: the switch infrastructure network is asked, a /26, and must be routable', () => {
		expect(step<InputStep>('switch-infrastructure-network')).toMatchObject({type: 'cidr', rules: {prefixMin: 26, prefixMax: 26}});
		expect(step('switch-infrastructure-network').why).toMatch(/must be routable/);
		expect(step('border-static-routes').body).toMatch(/switch\s+infrastructure network .* must be routable/s);
		expect(step('border-static-routes').body).not.toMatch(/optional/);
	});

	it('7: the worksheet exchanges ConfigurationData.json; DeploymentData.json is the Readiness Checker\'s input', () => {
		expect(step('worksheet-open').body).toMatch(/Import the customer's\s+ConfigurationData\.json/);
		expect(step('worksheet-open').body).toMatch(/-DeploymentDataPath\s+\(DeploymentData\.json\)/);
		expect(step<ConfirmStep>('worksheet-matches-oem').attestation).toContain('ConfigurationData.json');
		expect(step('border-hlh-network-validation').body).toContain('-DeploymentDataPath');
	});

	it('7: LDAP 389 is TCP and UDP', () => {
		expect(step('post-firewall-public-vip').body).toMatch(/LDAP 389 \(TCP and UDP\)/);
	});

	it('7: the update check comes after DVM removal and the customer summary', () => {
		expect(phaseOf('register-update-check').id).toBe('handover');
		expect(stepIndex('register-update-check')).toBeGreaterThan(stepIndex('handover-dvm-removed'));
		expect(stepIndex('register-update-check')).toBeGreaterThan(stepIndex('handover-customer-summary'));
	});

	it('7: the Graph validation includes Network Connectivity', () => {
		expect(step('identity-validated').body).toMatch(/network\s+connectivity/i);
	});
});

describe('worksheet networks', () => {
	it('asks Infrastructure /24, Switch infrastructure /26 and Private /20, none overlapping each other or the other networks', () => {
		const networks = {infrastructure_network: 24, switch_infrastructure_network: 26, private_network: 20, bmc_network: 26};
		const inputs = new Map(steps.filter((each): each is InputStep => each.kind === 'input').map(each => [each.name, each]));
		for (const [name, prefix] of Object.entries(networks)) {
			const input = inputs.get(name)!;
			expect(input.rules, name).toMatchObject({prefixMin: prefix, prefixMax: prefix});
			const others = ['bmc_network', 'public_vip_pool', 'infrastructure_network', 'switch_infrastructure_network', 'private_network', 'permitted_networks'].filter(other => other !== name);
			expect(input.rules?.noOverlapWith?.slice().sort(), name).toEqual(others.sort());
			expect(phaseOf(input.id).id).toBe('worksheet');
		}
	});
});

describe('missing steps', () => {
	it('HLH-mode network validation: blocking, before deployment, its 15 tests listed, results recorded', () => {
		const confirm = step<ConfirmStep>('border-hlh-network-validation');
		expect(confirm.blocking).toBe(true);
		expect(confirm.body).toContain('-HLH');
		const tests = ['LinkLayer', 'PortChannel', 'BorderUplink', 'IPConfig', 'BgpPeering', 'BgpDefaultRoute', 'DnsServer', 'PathMtu', 'TimeServer', 'SyslogServer', 'AzureEndpoint', 'AdfsEndpoint', 'Graph', 'DuplicateIP', 'DnsDelegation'];
		for (const test of tests) {
			expect(confirm.body, test).toMatch(new RegExp(`\\b${test}\\b`));
		}

		expect(confirm.attestation).toMatch(/report is attached/);
		expect(citedSources(runbook, confirm)[0]?.doc).toBe('azure-stack/operator/azure-stack-validate-network.md');
	});

	it('registration: the ERCS VMs need outbound access, NAT recommended', () => {
		const confirm = step<ConfirmStep>('register-ercs-outbound');
		expect(stepIndex('register-ercs-outbound')).toBeLessThan(stepIndex('register-registration'));
		expect(confirm.body).toMatch(/NAT \(recommended\)/);
		expect(citedSources(runbook, confirm).map(source => source.doc)).toContain('azure-stack/operator/azure-stack-firewall.md');
	});

	it('every conditional step applies in some combination of the session\'s decisions', () => {
		const combinations = ['connected', 'disconnected'].flatMap(connection => ['EntraID', 'ADFS'].flatMap(identity => ['none', 'tcp-tls', 'udp'].map(syslog => ({connection_model: connection, identity_system: identity, syslog}))));
		for (const {phase, step: each} of located.filter(item => item.step.when !== undefined)) {
			expect(combinations.some(values => stepApplicability(phase, each, values).applies), each.id).toBe(true);
			expect(combinations.some(values => !stepApplicability(phase, each, values).applies), each.id).toBe(true);
		}
	});

	it('time server: after deployment, Get-AzsTimeSource and the ",0x8" flag for a non-Windows server', () => {
		const confirm = siteStep(step<ConfirmStep>('post-time-source'), site);
		expect(confirm.body).toContain('Get-AzsTimeSource');
		expect(confirm.body).toContain('Set-AzsTimeSource -TimeServer "10.50.10.123,0x8" -resync');
		expect(citedSources(runbook, confirm).map(source => source.doc)).toContain('https://github.com/MicrosoftDocs/azure-stack-docs/issues/1528');
	});

	it('AD FS: the forest, LDAP 389 TCP and UDP, 636, 3268, 3269, the metadata endpoint on 443 and Register-CustomDnsServer, only when identity is AD FS', () => {
		const ids = ['adfs-forest', 'adfs-ldap-open', 'adfs-metadata', 'adfs-conditional-forwarder'];
		for (const id of ids) {
			expect(stepApplicability(phaseOf(id), step(id), {identity_system: 'EntraID'}).applies, id).toBe(false);
			expect(stepApplicability(phaseOf(id), step(id), {identity_system: 'ADFS'}).applies, id).toBe(true);
		}

		expect(step('adfs-ldap-open').body).toMatch(/LDAP 389 over TCP and UDP, LDAP SSL 636, LDAP GC 3268 and\s+LDAP GC SSL 3269/);
		expect(step('adfs-metadata').body).toMatch(/HTTPS 443/);
		expect(step('adfs-conditional-forwarder').body).toContain('Register-CustomDnsServer');
	});

	it('Entra ID sign-in checks apply only to connected Entra ID deployments; Azure egress only when connected', () => {
		for (const id of ['egress-identity', 'deploy-recheck-identity', 'egress-tls-not-intercepted']) {
			expect(stepApplicability(phaseOf(id), step(id), {identity_system: 'ADFS', connection_model: 'connected'}).applies, id).toBe(false);
			expect(stepApplicability(phaseOf(id), step(id), {identity_system: 'EntraID', connection_model: 'disconnected'}).applies, id).toBe(false);
			expect(stepApplicability(phaseOf(id), step(id), {identity_system: 'EntraID', connection_model: 'connected'}).applies, id).toBe(true);
		}

		for (const id of ['egress-crl', 'register-arm-reachable', 'register-ercs-outbound']) {
			expect(stepApplicability(phaseOf(id), step(id), {connection_model: 'disconnected'}).applies, id).toBe(false);
		}
	});

	it('DNS integration after deployment: a live delegation check (referral and SOA) of both zones, and the root-hint fallback', () => {
		const check = step<CheckStep>('post-dns-integration');
		expect(check).toMatchObject({kind: 'check', check: 'dns.delegation', source: ['dns']});
		expect(check.params).toEqual({
			region: {$input: 'region'},
			externalDomain: {$input: 'external_domain'},
			namingPrefix: {$input: 'naming_prefix'},
			parentServers: {$input: 'parent_dns_servers'},
			delegatedServers: {$input: 'azs_dns_servers'},
		});
		expect(phaseOf('post-dns-integration')).toMatchObject({id: 'post-deployment', vantage: 'workstation'});
		const shown = siteStep(check, {region: 'east', external_domain: 'cloud.fabrikam.com'});
		expect(shown.body).toContain('east.cloud.fabrikam.com');
		// The zone of DNS name labels, as the DNS integration article writes it: <region>.cloudapp.<external domain>.
		expect(shown.body).toContain('east.cloudapp.cloud.fabrikam.com');
		expect(shown.body).toMatch(/NS referral/);
		expect(shown.body).toMatch(/SOA with authority/);
		expect(step<InputStep>('naming-prefix')).toMatchObject({name: 'naming_prefix', default: 'azs'});
		expect(step<InputStep>('azs-dns-servers')).toMatchObject({name: 'azs_dns_servers', type: 'ipv4-list'});
		expect(step<InputStep>('parent-dns-servers')).toMatchObject({name: 'parent_dns_servers', type: 'ipv4-list'});
		expect(step('post-root-hints').body).toContain('Set-AzSDnsServerSettings -UseRootHint');
		expect(runbook.sources?.dns).toMatchObject({doc: 'azure-stack/operator/azure-stack-integrate-dns.md', date: '2020-04-10'});
	});

	it('syslog (optional): TCP 6514 with TLS checked, UDP 514 attested', () => {
		const tls = step<CheckStep>('post-syslog-tls');
		expect(tls).toMatchObject({check: 'egress.endpoint', blocking: false, when: {input: 'syslog', is: 'tcp-tls'}});
		expect(tls.params).toMatchObject({http: false, endpoints: [{ports: [6514], protocol: 'https'}]});
		expect(step('post-syslog-udp')).toMatchObject({kind: 'confirm', when: {input: 'syslog', is: 'udp'}});
		expect(step('post-syslog-udp').title).toContain('UDP 514');
	});

	it('path MTU: a Windows command step ping -f -l 1472 to the Readiness Checker\'s default destination', () => {
		expect(step('egress-path-mtu')).toMatchObject({kind: 'command', platforms: ['win32'], argv: ['ping', '-f', '-l', '1472', '-n', '3', 'go.microsoft.com']});
		expect(phaseOf('egress-path-mtu').id).toBe('dvm-egress');
	});
});
