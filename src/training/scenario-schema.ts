import {z} from 'zod';
import {parseIpv4} from '../inputs/ipv4.js';
import type {CheckStatus, FixOwner} from '../checks/types.js';

/*
The scenario-file schema: what a training scenario may say, and the single source of its types.
A scenario is a worksheet for the embedded runbook, a small declarative network (the faults), and
the verdict each check step must come to on it. Objects are strict: an unknown key is a typo.
Rule lists are read in order and the last matching rule wins, so a later condition (an injected
fault, or its removal) overrides an earlier one without editing it.
*/

/** Where a check runs from; each has a source address (the DVM's own IP, a Public VIP, …). */
export const vantageNames = ['DVM', 'HLH', 'PublicVIP', 'Workstation'] as const;
export type VantageName = (typeof vantageNames)[number];

export const dnsBehaviours = ['answer', 'nxdomain', 'servfail', 'refused', 'drop', 'closed', 'sinkhole', 'no-recursion'] as const;
export const flowActions = ['open', 'allow', 'drop', 'reset', 'icmp-unreachable'] as const;
export const ntpBehaviours = ['good', 'unsynchronised', 'kiss-of-death', 'silent', 'closed'] as const;
export const certificateKinds = ['good', 'expired', 'wrong-name', 'self-signed', 'intercepted', 'no-handshake'] as const;
export const checkStatuses = ['pass', 'warn', 'fail', 'error', 'skipped'] as const satisfies readonly CheckStatus[];
export const fixOwners = ['dns-team', 'firewall-team', 'proxy-security-team', 'network-team', 'oem', 'customer', 'operator'] as const satisfies readonly FixOwner[];

/*
The schemas are built on first use (scenarioSchemas()): the TUI's start screen reads no scenario,
and zod's first schemas in a process cost ~10 ms of warm-up before the first frame.
*/
function buildScenarioSchemas() {
	const id = z
		.string()
		.regex(/^[a-z][a-z0-9]*(?:[-._][a-z0-9]+)*$/, 'must be lower-case letters, digits, "-", "_" or "." and start with a letter');

	const ipv4 = z.string().refine(text => parseIpv4(text) !== undefined, 'must be an IPv4 address such as 10.50.10.50');
	const port = z.number().int().min(1).max(65_535);
	/** A host name, an IPv4 address, `*.domain` (any name under it) or `*` (anything). */
	const hostPattern = z.string().regex(/^(?:\*|(?:\*\.)?[a-z\d.-]+)$/i, 'must be a host name, an IPv4 address, "*.domain" or "*"');

	const dnsRuleSchema = z.strictObject({
		/** The DNS server the rule is about (a forwarder of the worksheet, or any other address). */
		server: ipv4,
		/** Only this transport; both when absent. */
		transport: z.enum(['udp', 'tcp']).optional(),
		/** Only these names (exact, or `*.domain`); every name when absent. */
		names: z.array(hostPattern).min(1).optional(),
		/** Only queries from this vantage; from everywhere when absent. */
		from: z.enum(vantageNames).optional(),
		behaviour: z.enum(dnsBehaviours),
	});

	const flowRuleSchema = z.strictObject({
		/** Destination: a host name, an address, `*.domain` or `*`. */
		to: hostPattern.default('*'),
		/** Destination port; every port when absent. */
		port: port.optional(),
		/** Only this protocol; TCP and UDP when absent. */
		protocol: z.enum(['tcp', 'udp']).optional(),
		/** Only from this vantage; from everywhere when absent. */
		from: z.enum(vantageNames).optional(),
		/**
		open: something answers the connection (whatever the port); allow: the network passes it and the host
		decides (a closed port resets); drop: no answer; reset: TCP RST or ICMP port unreachable;
		icmp-unreachable: ICMP administratively prohibited.
		*/
		action: z.enum(flowActions),
	});

	const ntpRuleSchema = z.strictObject({
		server: ipv4,
		behaviour: z.enum(ntpBehaviours).default('good'),
		/** How far the server's clock is ahead (negative: behind) of true time, in seconds. */
		offsetSeconds: z.number().finite().optional(),
		stratum: z.number().int().min(1).max(15).optional(),
		referenceId: z.string().min(1).optional(),
		/** The Kiss-o'-Death code (RATE, DENY, RSTR…); default DENY. */
		kissCode: z.string().regex(/^[A-Z][A-Z\d]{0,3}$/, 'must be a kiss code such as RATE or DENY').optional(),
	});

	const tlsRuleSchema = z.strictObject({
		host: hostPattern,
		port: port.optional(),
		certificate: z.enum(certificateKinds),
		/** intercepted: the inspecting CA that signs the forged certificate (its name is what a trainee must report). */
		issuer: z.string().min(1).optional(),
		/** intercepted: the inspection CA is in this host's trust store, so the chain verifies (only the issuer gives it away). */
		trustedOnHost: z.boolean().optional(),
		/** wrong-name: the name the presented certificate is for. */
		presentedFor: z.string().min(1).optional(),
	});

	const httpRuleSchema = z.strictObject({
		host: hostPattern,
		port: port.optional(),
		status: z.number().int().min(100).max(599),
		reason: z.string().optional(),
		/** Response headers, e.g. `via: 1.1 proxy.contoso.example`. */
		headers: z.record(z.string().min(1), z.string()).optional(),
	});

	/** One condition of the simulated network: a named piece of it (a fault, or the healthy baseline). */
	const conditionSchema = z.strictObject({
		/** What the condition is, in the instructor's words (shown by `train conditions`). */
		description: z.string().min(1).optional(),
		/** Names the DNS servers answer with (default: a stable simulated address per name). */
		hosts: z.record(z.string().min(1), ipv4).optional(),
		dns: z.array(dnsRuleSchema).optional(),
		flows: z.array(flowRuleSchema).optional(),
		ntp: z.array(ntpRuleSchema).optional(),
		tls: z.array(tlsRuleSchema).optional(),
		http: z.array(httpRuleSchema).optional(),
		/** Proxy variables set on the host the checks run on (an explicit proxy); an empty value unsets one. */
		proxyEnv: z.record(z.string().min(1), z.string()).optional(),
		/** The WinHTTP proxy setting on a Windows host. */
		winHttp: z.union([z.literal('direct'), z.strictObject({server: z.string().min(1), bypass: z.string().optional()})]).optional(),
	});

	const expectationSchema = z.union([
		z.enum(checkStatuses),
		z.strictObject({
			status: z.enum(checkStatuses),
			/** The team the real judgement must name. */
			owner: z.enum(fixOwners).optional(),
			/** Text the summary must contain. */
			summary: z.string().min(1).optional(),
			/** An override is an acceptable answer here (not counted as "override where a fix was expected"). */
			overrideOk: z.boolean().optional(),
		}),
	]);

	const scenarioSchema = z.strictObject({
		id,
		title: z.string().min(1),
		/** What the scenario teaches, one or two sentences for `train list`. */
		teaches: z.string().min(1),
		/** What the instructor tells the trainee before the start (the site's story). */
		brief: z.string().min(1).optional(),
		/** Input values for the embedded runbook, loaded like typed input when the session starts. */
		worksheet: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
		/** The source address each vantage uses; default: from the worksheet (DVM and HLH addresses, the Public VIP pool, the permitted networks). */
		vantages: z.strictObject({DVM: ipv4.optional(), HLH: ipv4.optional(), PublicVIP: ipv4.optional(), Workstation: ipv4.optional()}).optional(),
		/** Check steps run from another vantage than the runbook says (e.g. the HLH check run on the DVM by mistake). */
		runFrom: z.record(z.string(), z.enum(vantageNames)).optional(),
		/** Conditions active from the start, by name (`train clear SESSION NAME` removes one: the fix). */
		faults: z.record(id, conditionSchema).default({}),
		/** Prepared conditions the instructor may inject mid-session (`train inject SESSION NAME`). */
		conditions: z.record(id, conditionSchema).default({}),
		/** Extra hints per step, after the step file's own. */
		hints: z.record(z.string(), z.array(z.string().min(1)).min(1)).optional(),
		/** The verdict each check step must come to on the faults; check steps not listed must pass. */
		expect: z.record(z.string(), expectationSchema).default({}),
	});

	return {dnsRuleSchema, flowRuleSchema, ntpRuleSchema, tlsRuleSchema, httpRuleSchema, conditionSchema, expectationSchema, scenarioSchema};
}

export type ScenarioSchemas = ReturnType<typeof buildScenarioSchemas>;
let built: ScenarioSchemas | undefined;

/** The scenario-file schemas (built once). */
export function scenarioSchemas(): ScenarioSchemas {
	built ??= buildScenarioSchemas();
	return built;
}

export type Scenario = z.infer<ScenarioSchemas['scenarioSchema']>;
export type Condition = z.infer<ScenarioSchemas['conditionSchema']>;
export type DnsRule = z.infer<ScenarioSchemas['dnsRuleSchema']>;
export type FlowRule = z.infer<ScenarioSchemas['flowRuleSchema']>;
export type NtpRule = z.infer<ScenarioSchemas['ntpRuleSchema']>;
export type TlsRule = z.infer<ScenarioSchemas['tlsRuleSchema']>;
export type HttpRule = z.infer<ScenarioSchemas['httpRuleSchema']>;
export type Expectation = z.infer<ScenarioSchemas['expectationSchema']>;

/** Every key the scenario schemas know, for "did you mean" on an unknown key. */
export function scenarioKeys(): string[] {
	const schemas = scenarioSchemas();
	return [
		schemas.scenarioSchema,
		schemas.conditionSchema,
		schemas.dnsRuleSchema,
		schemas.flowRuleSchema,
		schemas.ntpRuleSchema,
		schemas.tlsRuleSchema,
		schemas.httpRuleSchema,
	].flatMap(schema => Object.keys(schema.shape));
}

/** An expectation in its long form. */
export function expectationOf(value: Expectation): Exclude<Expectation, string> {
	return typeof value === 'string' ? {status: value} : value;
}
