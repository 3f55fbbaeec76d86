import {isIPv6} from 'node:net';
import type {Report} from './report-types.js';

/*
Redaction for sharing a report with support: IP addresses, domains, tenant names and host names
become tokens (IP-1, DOMAIN-1, TENANT-1, HOST-1), the same value always the same token, so the
report still reads ("DOMAIN-2 resolved to IP-3, which refused port 443").
It walks the whole report, every string and every key, not only the fields known to hold addresses:
evidence is free-form and a summary or command output can carry any address. Only strings that are
exactly a runbook identifier (step, phase, check, input, runbook) are left alone.
*/

type Kind = 'IP' | 'DOMAIN' | 'TENANT' | 'HOST';

/** Common top-level domains, plus every two-letter label (country codes) but two file extensions. */
const genericTlds = new Set([
	'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'name', 'pro', 'mobi', 'asia', 'eu', 'arpa',
	'local', 'localdomain', 'internal', 'intranet', 'corp', 'lan', 'home', 'private', 'test', 'example', 'invalid', 'localhost',
	'external', 'cloud', 'app', 'dev', 'online', 'site', 'tech', 'xyz', 'azure', 'microsoft', 'windows', 'office', 'global', 'network',
]);
const notTlds = new Set(['js', 'ts']);

const ipv4 = /(?<![0-9.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![0-9]|\.\d)/g;
// An embedded IPv4 tail (::ffff:10.1.2.3) is tried first, so the address is taken whole.
const ipv6Candidate = /(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z:]|\.\d)/g;
const dottedName = /(?<![A-Za-z0-9_-])(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?![A-Za-z0-9_-])/g;
const onMicrosoft = /(?<![A-Za-z0-9_-])[A-Za-z0-9-]+\.onmicrosoft\.(?:com|us|cn|de)(?![A-Za-z0-9_-])/gi;

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces values by consistent tokens. One instance per report, so numbering is per report. */
export class Redactor {
	private readonly tokens = new Map<string, string>();
	private readonly counters: Record<Kind, number> = {IP: 0, DOMAIN: 0, TENANT: 0, HOST: 0};
	private readonly literals: Array<{pattern: RegExp; kind: Kind; value: string}> = [];
	private readonly exactHosts = new Set<string>();
	private readonly tlds = new Set(genericTlds);

	constructor(private readonly keep: ReadonlySet<string> = new Set()) {}

	/** The token for a value; domains, tenants and hosts compare without case. */
	token(kind: Kind, value: string): string {
		const key = kind === 'IP' ? `IP:${value}` : `${kind === 'HOST' ? 'HOST' : 'NAME'}:${value.toLowerCase()}`;
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

		let next = text;
		for (const literal of this.literals) {
			next = next.replace(literal.pattern, () => this.token(literal.kind, literal.value));
		}

		next = next.replace(onMicrosoft, match => this.token('TENANT', match));
		next = next.replace(dottedName, match => this.domain(match));
		next = next.replace(ipv6Candidate, match => this.ipv6(match));
		return next.replace(ipv4, match => this.token('IP', match));
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
				return this.keep.has(name) ? match : `${this.token('DOMAIN', name)}${rest ? `.${rest}` : ''}`;
			}
		}

		return match;
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

/**
Returns a copy of the report with IP addresses, domains, tenant names and host names replaced by
consistent tokens, and `redacted: true`. Tenant names are the values of inputs named like
`*tenant*` or `*directory*`, and any `*.onmicrosoft.com` name.
*/
export function redactReport(report: Report): Report {
	const redactor = new Redactor(identifiersOf(report));
	for (const input of report.inputs) {
		const values = input.value === undefined ? [] : Array.isArray(input.value) ? input.value : [input.value];
		for (const value of values) {
			if (/tenant|directory/i.test(input.name)) {
				redactor.addTenant(value);
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
