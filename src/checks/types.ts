import type {z} from 'zod';
import type {DnsProbeOptions, DnsProbeRecord} from './probes/dns-probe.js';
import type {NtpProbeRecord, NtpSampleOptions} from './probes/ntp-probe.js';
import type {TcpProbeOptions} from './probes/tcp-probe.js';
import type {WebProbeOptions, WebProbeResult} from './probes/web-probe.js';
import type {WinHttpProxy} from './proxy/netsh.js';
import type {VantageName} from '../runbook/schema.js';

/**
The verdict of one check, in the vocabulary of assisted-service validations:
`error` means the check could not evaluate (bad parameters, a bug, no data), never "the network is bad".
*/
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'error' | 'skipped';

/** Who has to act to fix a finding. Field engineers hand findings to these teams. */
export type FixOwner = 'dns-team' | 'firewall-team' | 'proxy-security-team' | 'network-team' | 'oem' | 'customer' | 'operator';

/** Where a result was measured from: the same check passes from the DVM and, later, from a Public VIP. */
export type Vantage = {
	/** `os.hostname()` of the machine that ran the check. */
	host: string;
	/** Local source addresses the check's sockets actually used (from `socket.address()`), de-duplicated. */
	localAddresses: string[];
	/** Which vantage those addresses are, by the session's inputs (set by the engine when it can tell). */
	name?: VantageName;
	/** Set on a result measured on another host and brought here by `collect` or `results import`. */
	collected?: {via: 'ssh' | 'file'; source: string; host: string; contentHash: string};
};

/** Set on a result measured somewhere its step must not run: it proves nothing about the network. */
export type WrongPlace = {
	/** Where the step must run. */
	required: VantageName;
	/** Where it ran, when the addresses are recognisably another vantage. */
	at?: VantageName;
	/** What the probes said from there, kept as a status only: its words would name the wrong source. */
	measuredStatus: CheckStatus;
};

/**
One network probe's record: what was tried, how long it took, and what came back.
Kept loose on purpose: each check adds its own fields (DNS answer, certificate issuers, NTP fields).
*/
export type ProbeRecord = {
	/** What was probed, e.g. `udp://10.0.0.53:53 management.azure.com A`. */
	target: string;
	/** Probe kind, e.g. `tcp`, `dns-udp`, `dns-tcp`, `tls`, `http`, `ntp`. */
	kind: string;
	ok: boolean;
	durationMs: number;
	/** Node error code (`ETIMEOUT`, `ECONNREFUSED`, …) or a check-defined code (`TIMEOUT`). */
	errorCode?: string;
	localAddress?: string;
	[field: string]: unknown;
};

/** The outcome of one check run. Everything an operator, a report or a later resume needs. */
export type CheckResult = {
	checkId: string;
	status: CheckStatus;
	/** One line, written for the operator. */
	summary: string;
	/** What to do, filled with the site's own values (exact host, port, server). Empty when nothing to do. */
	remediation?: string;
	owner?: FixOwner;
	evidence: ProbeRecord[];
	/** ISO 8601 time the check started. */
	startedAt: string;
	durationMs: number;
	vantage: Vantage;
	/** Measured from the wrong place (see WrongPlace); never overwrites a result from the right place. */
	wrongPlace?: WrongPlace;
	/** The endpoint list (id and date) the parameters came from, set by the engine. */
	endpointList?: string;
};

/** What the engine hands every check: cancellation, limits and the site's resolver settings. */
export type CheckContext = {
	signal: AbortSignal;
	/** Default per-probe timeout; a check may use less, never more than its own documented maximum. */
	timeoutMs: number;
	/** DNS forwarders (`ip` or `ip:port`) to resolve names through; never the system resolver. */
	dnsServers: string[];
	/** Extra trusted CA certificates (PEM), e.g. a lab CA or the customer's internal root. */
	extraCaPem: string[];
	/** Reports progress of individual probes to whoever renders them (TUI rows). Optional. */
	onProbe?: (event: ProbeEvent) => void;
	/** The I/O the check does; default: the real probes. Training passes a simulated set. */
	probes?: ProbeSet;
};

/**
Every piece of I/O a check does, as plain functions: one connection, one query, one sample, one
read of the host's proxy settings. Checks call these and nothing else, so a simulated set (training)
exercises the same check and judgement code as the network does; composite steps (resolving through
the forwarders, SNTP sampling, an egress attempt) are built from these in the checks' own code.
*/
export type ProbeSet = {
	tcp: (options: TcpProbeOptions) => Promise<ProbeRecord>;
	dns: (options: DnsProbeOptions) => Promise<DnsProbeRecord>;
	ntpSample: (options: NtpSampleOptions) => Promise<NtpProbeRecord>;
	web: (options: WebProbeOptions) => Promise<WebProbeResult>;
	/** The environment whose proxy variables apply to this host. */
	environment: () => Readonly<Record<string, string | undefined>>;
	/** The machine-wide WinHTTP proxy setting (Windows). */
	winHttpProxy: (signal: AbortSignal, timeoutMs: number) => Promise<WinHttpProxy>;
};

/** A probe starting or finishing, for live progress rows. */
export type ProbeEvent =
	| {type: 'start'; id: string; target: string; kind: string}
	| {type: 'end'; id: string; record: ProbeRecord};

/**
A check: one small module with an id, a title, a parameter schema and a run function.
The run function does I/O through probes and delegates the verdict to a pure judgement function.
*/
export type CheckDefinition<Schema extends z.ZodType = z.ZodType> = {
	id: string;
	title: string;
	/** Short description of what it proves, shown in help and reports. */
	description: string;
	params: Schema;
	run: (params: z.infer<Schema>, context: CheckContext) => Promise<CheckResult>;
};
