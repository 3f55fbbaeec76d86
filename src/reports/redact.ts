import {isIPv6} from 'node:net';
import {publishedEndpoints, type PublishedEndpoints} from './published-endpoints.js';
import type {Report} from './report-types.js';

/*
Redaction for sharing a report with support: IP addresses, domains, tenant names and host names
become tokens (IP-1, DOMAIN-1, TENANT-1, HOST-1), the same value always the same token, so the
report still reads ("DOMAIN-2 resolved to IP-3, which refused port 443").
It walks the whole report, every string and every key, not only the fields known to hold addresses:
evidence is free-form and a summary or command output can carry any address. Only strings that are
exactly a runbook identifier (step, phase, check, input, runbook) are left alone.

Redaction is by kind, not only by a list of known values: every credential (URL user:password@,
password=…, Authorization headers, JWTs), every GUID (tenant and subscription IDs), every e-mail
local part and DOMAIN\user, every IP address (also 010.000.000.053 and 0x0a.0.0.1 notations and
integer hosts in URLs), every domain name that is not a published Microsoft endpoint (those stay
readable: support needs them), host names shaped like HLH-01, plus the session name, the people
recorded and the region wherever they appear.
*/

type Kind = 'IP' | 'DOMAIN' | 'TENANT' | 'HOST' | 'USER' | 'GUID' | 'CREDENTIAL' | 'SESSION' | 'REGION';

/** Common top-level domains, plus every two-letter label (country codes) but two file extensions. */
const genericTlds = new Set([
	'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'name', 'pro', 'mobi', 'asia', 'eu', 'arpa',
	'local', 'localdomain', 'internal', 'intranet', 'corp', 'lan', 'home', 'private', 'test', 'example', 'invalid', 'localhost',
	'external', 'cloud', 'app', 'dev', 'online', 'site', 'tech', 'xyz', 'azure', 'microsoft', 'windows', 'office', 'global', 'network',
	// Internal suffixes sites use that are not in the inputs.
	'lab', 'labs', 'intra', 'priv', 'ad', 'domain', 'infra', 'mgmt', 'prod', 'corpnet', 'dmz', 'loc', 'internal-domain', 'io', 'ai',
]);
const notTlds = new Set(['js', 'ts']);

const ipv4 = /(?<![0-9.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![0-9]|\.\d)/g;
// An embedded IPv4 tail (::ffff:10.1.2.3) is tried first, so the address is taken whole.
const ipv6Candidate = /(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z:]|\.\d)/g;
const dottedName = /(?<![A-Za-z0-9_-])(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?![A-Za-z0-9_-])/g;
const onMicrosoft = /(?<![A-Za-z0-9_-])[A-Za-z0-9-]+\.onmicrosoft\.(?:com|us|cn|de)(?![A-Za-z0-9_-])/gi;
const guid = /(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f])/g;
// scheme://user:password@ or scheme://user@: the user information is a credential. Not in this tool's
// own probe targets (tls://name@address, tcp://…), where the part before @ is the name probed.
const urlUserInfo = /(?<=(?<![A-Za-z0-9+.-])(?!(?:tls|tcp|udp|dns-udp|dns-tcp|ntp):)[A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;
const keyValueSecret = /(?<![A-Za-z0-9])((?:password|passwd|pwd|secret|client[_-]?secret|token|access[_-]?token|api[_-]?key|access[_-]?key|account[_-]?key|sig|sas)(?:\s*[=:]\s*))("[^"]*"|'[^']*'|[^\s&;,"']+)/gi;
const authorization = /(?<=\b(?:Authorization|Proxy-Authorization)\s*:\s*(?:Basic|Bearer|Negotiate|NTLM|Digest)\s+)[^\s,]+/gi;
const jwt = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const emailLocalPart = /(?<![A-Za-z0-9._%+-]|:\/\/)[A-Za-z0-9._%+-]+(?=@[A-Za-z0-9[])/g;
// DOMAIN\user (NetBIOS domain and account); registry roots are not people.
const domainUser = /(?<![A-Za-z0-9_\\:.-])([A-Za-z][A-Za-z0-9-]{0,14})\\([A-Za-z0-9._$-]{1,64})(?![A-Za-z0-9_])/g;
const registryRoots = /^(?:HKLM|HKCU|HKCR|HKU|HKCC|HKEY_[A-Z_]+|BUILTIN)$/i;
// 010.000.000.053, 0x0a.0.0.0x35: dotted forms inet_aton still accepts (at least one hex or zero-led part).
const oddIpv4 = /(?<![0-9A-Za-z.])(?=[0-9x.]*(?:0x|\b0\d))(?:0x[0-9A-Fa-f]{1,2}|\d{1,4})(?:\.(?:0x[0-9A-Fa-f]{1,2}|\d{1,4})){3}(?![0-9A-Za-z]|\.\d)/g;
// A host given as one integer or one hex number (http://167772213/, //0x0a000035).
const integerHost = /(?<=:\/\/|@)(?:0x[0-9A-Fa-f]{1,8}|\d{8,10})(?=[:/?#\s]|$)/g;
// Host names shaped like HLH-01 or AzS-DVM-01: letters, a hyphen, digits; not tokens or encodings.
const hostLike = /(?<![A-Za-z0-9_.\\-])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*-[A-Za-z]*\d+[A-Za-z0-9]*(?![A-Za-z0-9_-]|\.[A-Za-z0-9])/g;
const notHosts = /^(?:(?:IP|DOMAIN|TENANT|HOST|USER|GUID|CREDENTIAL|SESSION|REGION)-\d+|SHA-\d+|UTF-\d+|ISO-\d+(?:-\d+)?|RFC-?\d+|X-[A-Za-z0-9-]+|ipv[46]-.*|TLS.*|HTTP.*|P-\d+|AES-.*|ECDHE-.*|RSA-.*|PKCS-?\d+)$/i;

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces values by consistent tokens. One instance per report, so numbering is per report. */
export class Redactor {
	private readonly tokens = new Map<string, string>();
	private readonly counters: Record<Kind, number> = {IP: 0, DOMAIN: 0, TENANT: 0, HOST: 0, USER: 0, GUID: 0, CREDENTIAL: 0, SESSION: 0, REGION: 0};
	private readonly literals: Array<{pattern: RegExp; kind: Kind; value: string}> = [];
	private readonly exactHosts = new Set<string>();
	private readonly tlds = new Set(genericTlds);

	constructor(
		private readonly keep: ReadonlySet<string> = new Set(),
		private readonly published: PublishedEndpoints = {exact: new Set(), wildcardSuffixes: []},
	) {}

	/** The token for a value; domains, tenants and hosts compare without case. */
	token(kind: Kind, value: string): string {
		const key = kind === 'IP' || kind === 'CREDENTIAL' ? `${kind}:${value}` : `${kind === 'DOMAIN' || kind === 'TENANT' ? 'NAME' : kind}:${value.toLowerCase()}`;
		let token = this.tokens.get(key);
		if (!token) {
			token = `${kind}-${++this.counters[kind]}`;
			this.tokens.set(key, token);
		}

		return token;
	}

	/** A tenant name, redacted wherever it appears. */
	addTenant(value: string): void {
		this.addLiteral('TENANT', value);
	}

	/** A host name: always as a whole field value, and in text when it is long enough to be unambiguous. */
	addHost(value: string): void {
		this.exactHosts.add(value);
		if (value.length >= 3) {
			this.addLiteral('HOST', value);
		}
	}

	/** A value of another kind (a session name, a person, a region), redacted wherever it appears. */
	addValue(kind: 'SESSION' | 'USER' | 'REGION', value: string): void {
		this.addLiteral(kind, value);
	}

	/** A top-level domain seen in the site's own values (a customer may use an unusual one). */
	addTld(label: string): void {
		this.tlds.add(label.toLowerCase());
	}

	/** Redacts one string. */
	value(text: string): string {
		if (this.keep.has(text)) {
			return text;
		}

		if (this.exactHosts.has(text)) {
			return this.token('HOST', text);
		}

		// Credentials first: a password may look like anything else below.
		let next = text
			.replace(urlUserInfo, match => `${this.token('CREDENTIAL', match.slice(0, -1))}@`)
			.replace(authorization, match => this.token('CREDENTIAL', match))
			.replace(jwt, match => this.token('CREDENTIAL', match))
			.replace(keyValueSecret, (match, key: string, secret: string) => (/^CREDENTIAL-\d+$/.test(secret) ? match : `${key}${this.token('CREDENTIAL', secret)}`))
			.replace(guid, match => this.token('GUID', match));
		for (const literal of this.literals) {
			next = next.replace(literal.pattern, () => this.token(literal.kind, literal.value));
		}

		next = next
			.replace(emailLocalPart, match => (/^[A-Z]+-\d+$/.test(match) ? match : this.token('USER', match)))
			.replace(domainUser, (match, domain: string, user: string) => (registryRoots.test(domain) ? match : `${this.token('DOMAIN', domain)}\\${this.token('USER', user)}`))
			.replace(onMicrosoft, match => this.token('TENANT', match))
			.replace(dottedName, match => this.domain(match))
			.replace(ipv6Candidate, match => this.ipv6(match))
			.replace(ipv4, match => this.token('IP', match))
			.replace(oddIpv4, match => this.token('IP', match))
			.replace(integerHost, match => this.token('IP', match));
		return next.replace(hostLike, match => (notHosts.test(match) || this.keep.has(match) ? match : this.token('HOST', match)));
	}

	/** Walks any JSON value, redacting every string and every key. */
	walk<T>(value: T): T {
		if (typeof value === 'string') {
			return this.value(value) as T;
		}

		if (Array.isArray(value)) {
			return value.map(item => this.walk(item)) as T;
		}

		if (value !== null && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([key, inner]) => [this.value(key), this.walk(inner)])) as T;
		}

		return value;
	}

	private addLiteral(kind: Kind, value: string): void {
		const trimmed = value.trim();
		if (trimmed.length === 0 || this.literals.some(literal => literal.value.toLowerCase() === trimmed.toLowerCase())) {
			return;
		}

		const pattern = new RegExp(`(?<![A-Za-z0-9_.-])${escapeRegExp(trimmed)}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'gi');
		this.literals.push({pattern, kind, value: trimmed});
		// Longest first, so "dvm01.contoso.local" goes before "dvm01".
		this.literals.sort((a, b) => b.value.length - a.value.length);
	}

	/** An IPv6 address keeps its zone (an interface name, not an address). */
	private ipv6(match: string): string {
		const [address = '', zone] = match.split('%');
		return isIPv6(address) ? `${this.token('IP', address)}${zone === undefined ? '' : `%${zone}`}` : match;
	}

	/** The longest leading run of labels that ends in a top-level domain becomes a token; the rest stays. */
	private domain(match: string): string {
		const labels = match.split('.');
		for (let end = labels.length; end >= 2; end--) {
			const tld = labels[end - 1]!.toLowerCase();
			const isTld = this.tlds.has(tld) || (/^[a-z]{2}$/.test(tld) && !notTlds.has(tld));
			if (isTld && !/^\d+$/.test(labels[end - 2]!)) {
				const name = labels.slice(0, end).join('.');
				const rest = labels.slice(end).join('.');
				return this.keep.has(name) ? match : `${this.publishedOrToken(name)}${rest ? `.${rest}` : ''}`;
			}
		}

		return match;
	}

	/** A published Microsoft endpoint stays; under a published wildcard only the site's part becomes a token. */
	private publishedOrToken(name: string): string {
		const lower = name.toLowerCase();
		if (this.published.exact.has(lower) || this.published.wildcardSuffixes.includes(lower)) {
			return name;
		}

		const suffix = this.published.wildcardSuffixes.find(candidate => lower.endsWith(`.${candidate}`));
		return suffix ? `${this.token('DOMAIN', name.slice(0, -suffix.length - 1))}.${name.slice(-suffix.length)}` : this.token('DOMAIN', name);
	}
}

/** Runbook identifiers: not addresses, and renaming them would make the report unreadable. */
function identifiersOf(report: Report): Set<string> {
	const keep = new Set<string>([report.runbook.id, report.generator.name]);
	for (const phase of report.phases) {
		keep.add(phase.id);
		for (const step of phase.steps) {
			keep.add(step.id);
			if (step.check) {
				keep.add(step.check.checkId);
			}
		}
	}

	for (const input of report.inputs) {
		keep.add(input.name);
	}

	return keep;
}

/** Everyone the report names: whoever set, confirmed, overrode or skipped anything, and the trainee. */
function peopleOf(report: Report): Set<string> {
	const people = new Set<string>();
	const visit = (value: unknown): void => {
		if (Array.isArray(value)) {
			value.forEach(visit);
		} else if (value !== null && typeof value === 'object') {
			for (const [key, inner] of Object.entries(value)) {
				if ((key === 'by' || key === 'trainee' || key === 'operator') && typeof inner === 'string' && inner.length > 0) {
					people.add(inner);
				} else {
					visit(inner);
				}
			}
		}
	};

	visit(report);
	return people;
}

/**
Returns a copy of the report with IP addresses, domains, tenant names and host names replaced by
consistent tokens, and `redacted: true`. Tenant names are the values of inputs named like
`*tenant*` or `*directory*`, and any `*.onmicrosoft.com` name.
*/
export function redactReport(report: Report): Report {
	const redactor = new Redactor(identifiersOf(report), publishedEndpoints());
	redactor.addValue('SESSION', report.session.name);
	for (const person of peopleOf(report)) {
		redactor.addValue('USER', person);
	}

	for (const input of report.inputs) {
		const values = input.value === undefined ? [] : Array.isArray(input.value) ? input.value : [input.value];
		for (const value of values) {
			if (/tenant|directory/i.test(input.name)) {
				redactor.addTenant(value);
			}

			if (/region/i.test(input.name)) {
				redactor.addValue('REGION', value);
			}

			const tld = /\.([A-Za-z][A-Za-z0-9-]*)$/.exec(value.trim())?.[1];
			if (tld) {
				redactor.addTld(tld);
			}
		}
	}

	for (const vantage of report.vantages) {
		redactor.addHost(vantage.host);
		if (vantage.source) {
			// An SSH destination (user@address or an alias) or a file name: all of it is the site's.
			redactor.addHost(vantage.source);
		}
	}

	return {...redactor.walk(report), redacted: true};
}
