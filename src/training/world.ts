import {parseIpv4} from '../inputs/ipv4.js';
import {isSimulatedPublic, matchesHost, simulatedAddress} from './host-match.js';
import type {Condition, DnsRule, FlowRule, HttpRule, NtpRule, Scenario, TlsRule, VantageName} from './scenario-schema.js';
import {vantageAddresses} from './vantages.js';

/** What a public host answers on: HTTP, HTTPS and SSH (the HLH check's "another port beyond the border" probe). */
const publicPorts: ReadonlySet<number> = new Set([22, 80, 443]);

/** A condition in force, by name, in the order it was applied. */
export type ActiveCondition = {name: string; condition: Condition};

/** What the network does with a connection attempt or a datagram. */
export type FlowOutcome = 'connected' | 'drop' | 'reset' | 'icmp-unreachable';

/**
The simulated site at one moment: the healthy network the worksheet describes, with the active
conditions laid over it. Pure data plus lookups; the simulated probes turn its answers into records.
*/
export type World = {
	vantages: Record<VantageName, string>;
	/** Name → address, as the DNS servers answer. */
	address: (name: string) => string;
	/** Every name known to resolve to an address (for rules written with names). */
	namesOf: (address: string) => string[];
	/** Whether some host is at this address (an unknown address does not answer at all). */
	known: (address: string) => boolean;
	dnsServers: ReadonlySet<string>;
	timeServers: ReadonlySet<string>;
	flow: (from: VantageName, address: string, port: number, protocol: 'tcp' | 'udp', names?: readonly string[]) => FlowOutcome;
	dnsRule: (server: string, transport: 'udp' | 'tcp', name: string, from: VantageName) => DnsRule | undefined;
	ntpRule: (server: string) => NtpRule | undefined;
	tlsRule: (hostname: string, address: string, port: number) => TlsRule | undefined;
	httpRule: (hostname: string, address: string, port: number) => HttpRule | undefined;
	proxyEnv: Readonly<Record<string, string>>;
	winHttp: NonNullable<Condition['winHttp']>;
	/** The healthy site's DNS delegation of the deployment's zones, from the worksheet (see simulated-delegation.ts). */
	delegation: SiteDelegation;
};

/** Which zones the parent-zone servers delegate to which Azure Stack Hub DNS servers, under which names. */
export type SiteDelegation = {
	zones: string[];
	parentServers: ReadonlySet<string>;
	delegatedServers: string[];
	/** `<prefix>-ns01.<region>.<domain>`, -ns02, …: one per delegated server, in order. */
	nameServers: string[];
};

/** The delegation a worksheet describes: `<region>.<domain>` and `<region>.cloudapp.<domain>` to the Azure Stack Hub DNS servers. */
function siteDelegation(sheet: Scenario['worksheet']): SiteDelegation {
	const region = list(sheet.region)[0]?.toLowerCase();
	const domain = list(sheet.external_domain)[0]?.toLowerCase();
	const delegatedServers = list(sheet.azs_dns_servers);
	const zone = `${region}.${domain}`;
	const prefix = list(sheet.naming_prefix)[0] ?? 'azs';
	return {
		zones: region && domain ? [zone, `${region}.cloudapp.${domain}`] : [],
		parentServers: new Set(list(sheet.parent_dns_servers)),
		delegatedServers,
		nameServers: delegatedServers.map((_, index) => `${prefix}-ns${String(index + 1).padStart(2, '0')}.${zone}`),
	};
}

function list(value: string | string[] | undefined): string[] {
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
The healthy network of a worksheet, as a condition: the switch ACL restricts the HLH to DNS and NTP
(the DVM is the only component with unrestricted access); everything else passes.
*/
export function baselineCondition(scenario: Scenario): Condition {
	const forwarders = list(scenario.worksheet.dns_forwarders);
	const time = list(scenario.worksheet.time_server);
	return {
		description: 'the healthy site: forwarders recursive over UDP and TCP 53, the time server synchronised, the HLH restricted to DNS and NTP by the switch ACL',
		flows: [
			{to: '*', from: 'HLH', action: 'drop'},
			...forwarders.map(server => ({to: server, port: 53, from: 'HLH' as const, action: 'allow' as const})),
			...time.map(server => ({to: server, port: 123, protocol: 'udp' as const, from: 'HLH' as const, action: 'allow' as const})),
		],
	};
}

/** Last matching rule wins: later conditions override earlier ones without editing them. */
function lastMatch<T>(rules: readonly T[], matches: (rule: T) => boolean): T | undefined {
	for (let index = rules.length - 1; index >= 0; index--) {
		if (matches(rules[index]!)) {
			return rules[index];
		}
	}

	return undefined;
}

/** Builds the site from the scenario's worksheet and the conditions in force (baseline first). */
export function buildWorld(scenario: Scenario, active: readonly ActiveCondition[]): World {
	const conditions = [baselineCondition(scenario), ...active.map(item => item.condition)];
	const dnsRules: DnsRule[] = conditions.flatMap(condition => condition.dns ?? []);
	const flows: FlowRule[] = conditions.flatMap(condition => condition.flows ?? []);
	const ntpRules: NtpRule[] = conditions.flatMap(condition => condition.ntp ?? []);
	const tlsRules: TlsRule[] = conditions.flatMap(condition => condition.tls ?? []);
	const httpRules: HttpRule[] = conditions.flatMap(condition => condition.http ?? []);
	const hosts = new Map<string, string>();
	for (const condition of conditions) {
		for (const [name, address] of Object.entries(condition.hosts ?? {})) {
			hosts.set(name.toLowerCase(), address);
		}
	}

	const proxyEnv: Record<string, string> = {};
	let winHttp: World['winHttp'] = 'direct';
	for (const condition of conditions) {
		for (const [name, value] of Object.entries(condition.proxyEnv ?? {})) {
			if (value === '') {
				delete proxyEnv[name];
			} else {
				proxyEnv[name] = value;
			}
		}

		winHttp = condition.winHttp ?? winHttp;
	}

	const sheet = scenario.worksheet;
	const address = (name: string) => parseIpv4(name) === undefined ? hosts.get(name.toLowerCase()) ?? simulatedAddress(name) : name;
	const dnsServers = new Set(list(sheet.dns_forwarders));
	const timeServers = new Set(list(sheet.time_server).map(server => address(server)));
	const vantages = vantageAddresses(scenario);
	// What listens where on the healthy site; public names serve HTTP, HTTPS and SSH.
	const services = new Map<string, Set<number>>();
	const listen = (host: string | undefined, port: number) => {
		if (host) {
			services.set(host, new Set([...(services.get(host) ?? []), port]));
		}
	};

	// A server a rule describes is there, whatever the worksheet says (a rogue or old forwarder, a second clock).
	for (const server of [...dnsServers, ...dnsRules.map(rule => rule.server)]) {
		listen(server, 53);
	}

	const ruledClocks = new Set(ntpRules.map(rule => rule.server));

	for (const host of list(sheet.azs_dns_servers)) {
		listen(host, 53);
	}

	for (const host of list(sheet.pep_address)) {
		listen(host, 5985);
	}

	for (const host of list(sheet.hlh_address)) {
		listen(host, 3389);
	}

	const mapped = new Set(hosts.values());
	const web = (host: string) => isSimulatedPublic(host) || mapped.has(host);
	const known = (host: string) => web(host) || services.has(host) || timeServers.has(host) || ruledClocks.has(host) || Object.values(vantages).includes(host);
	const namesOf = (host: string) => [...hosts].filter(([, value]) => value === host).map(([name]) => name);

	return {
		vantages,
		address,
		namesOf,
		known,
		dnsServers,
		timeServers,
		flow(from, host, port, protocol, names = []) {
			const candidates = [host, ...names, ...namesOf(host)];
			const rule = lastMatch(flows, item => (item.from === undefined || item.from === from) && (item.port === undefined || item.port === port) && (item.protocol === undefined || item.protocol === protocol) && matchesHost(item.to, candidates));
			const action = rule?.action ?? 'allow';
			if (action === 'allow') {
				// The network passes it; the host decides. UDP services are answered by their own rules.
				if (protocol === 'udp') {
					return 'connected';
				}

				return services.get(host)?.has(port) || (web(host) && publicPorts.has(port)) ? 'connected' : known(host) ? 'reset' : 'drop';
			}

			return action === 'open' ? 'connected' : action;
		},
		dnsRule: (server, transport, name, from) => lastMatch(dnsRules, rule => rule.server === server && (rule.transport === undefined || rule.transport === transport) && (rule.from === undefined || rule.from === from) && (rule.names === undefined || rule.names.some(pattern => matchesHost(pattern, [name])))),
		ntpRule: server => lastMatch(ntpRules, rule => rule.server === server),
		tlsRule: (hostname, host, port) => lastMatch(tlsRules, rule => (rule.port === undefined || rule.port === port) && matchesHost(rule.host, [hostname, host])),
		httpRule: (hostname, host, port) => lastMatch(httpRules, rule => (rule.port === undefined || rule.port === port) && matchesHost(rule.host, [hostname, host])),
		proxyEnv,
		winHttp,
		delegation: siteDelegation(sheet),
	};
}
