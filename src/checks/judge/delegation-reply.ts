import {escapeControls} from '../../text/escape-controls.js';
import type {DnsAnswer} from '../dns/decode.js';
import type {DnsProbeRecord} from '../probes/dns-probe.js';

/** A name as compared: lower case, no trailing dot (DNS names are case-insensitive). */
export function sameName(a: string, b: string): boolean {
	return a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '');
}

/** A name from the wire, safe to show: control characters escaped, length capped. */
export function shown(name: string): string {
	const safe = escapeControls(name, 'line');
	return safe.length > 120 ? `${safe.slice(0, 117)}...` : safe;
}

/** At most `limit` items, then "+n more": a hostile referral may name 200 servers. */
export function listed(items: readonly string[], limit = 4): string {
	const head = items.slice(0, limit).join(', ');
	return items.length > limit ? `${head} (+${items.length - limit} more)` : head;
}

/** What a parent zone's server said about the child zone, asked for its NS records without recursion. */
export type ParentReply =
	/** NS records for the zone, in the authority section (a referral) or the answer section. */
	| {kind: 'delegated'; how: 'referral' | 'answer'; nameServers: string[]; glue: Map<string, string[]>}
	/** The zone does not exist there (NXDOMAIN), or exists without NS records (NODATA). */
	| {kind: 'missing'; rcode: 'NXDOMAIN' | 'NODATA'; authoritative: boolean; soaOwner?: string}
	/** A referral to some other zone (the root, the parent's own parent): this server does not serve the parent zone. */
	| {kind: 'upward'; referredTo: string}
	/** REFUSED, SERVFAIL or another error code: it would not say. */
	| {kind: 'error'; rcode: string}
	/** No usable reply: silent, rejected, malformed or stopped (judged from the record's error code). */
	| {kind: 'no-reply'};

function records(record: DnsProbeRecord, section: 'answerRecords' | 'authority' | 'additional'): DnsAnswer[] {
	const value = record[section];
	return Array.isArray(value) ? value : [];
}

/** Reads a parent's reply to `NS <zone>` (RD=0). Pure. */
export function readParentReply(record: DnsProbeRecord, zone: string): ParentReply {
	if (record.rcode === undefined) {
		return {kind: 'no-reply'};
	}

	if (record.rcode !== 'NOERROR' && record.rcode !== 'NXDOMAIN') {
		return {kind: 'error', rcode: record.rcode};
	}

	const glue = new Map<string, string[]>();
	for (const item of records(record, 'additional')) {
		if (item.type === 'A' || item.type === 'AAAA') {
			const key = item.name.toLowerCase().replace(/\.$/, '');
			glue.set(key, [...(glue.get(key) ?? []), item.data]);
		}
	}

	const answered = records(record, 'answerRecords').filter(item => item.type === 'NS' && sameName(item.name, zone));
	if (answered.length > 0) {
		return {kind: 'delegated', how: 'answer', nameServers: answered.map(item => item.data), glue};
	}

	const referred = records(record, 'authority').filter(item => item.type === 'NS');
	const toZone = referred.filter(item => sameName(item.name, zone));
	if (record.rcode === 'NOERROR' && toZone.length > 0) {
		return {kind: 'delegated', how: 'referral', nameServers: toZone.map(item => item.data), glue};
	}

	const soa = records(record, 'authority').find(item => item.type === 'SOA');
	if (record.rcode === 'NXDOMAIN' || soa || record.aa === true) {
		return {kind: 'missing', rcode: record.rcode === 'NXDOMAIN' ? 'NXDOMAIN' : 'NODATA', authoritative: record.aa === true, ...(soa ? {soaOwner: soa.name} : {})};
	}

	if (referred.length > 0) {
		return {kind: 'upward', referredTo: referred[0]!.name === '' ? '. (the root)' : referred[0]!.name};
	}

	return {kind: 'missing', rcode: 'NODATA', authoritative: false};
}

/** What a delegated server said, asked for the zone's SOA without recursion. */
export type DelegatedReply =
	| {kind: 'authoritative'; soa: string}
	/** Answered, but not as the zone's authority: REFUSED, SERVFAIL, NXDOMAIN, no AA, or no SOA. */
	| {kind: 'lame'; why: string}
	| {kind: 'no-reply'};

/** Reads a delegated server's reply to `SOA <zone>` (RD=0). Pure. */
export function readDelegatedReply(record: DnsProbeRecord, zone: string): DelegatedReply {
	if (record.rcode === undefined) {
		return {kind: 'no-reply'};
	}

	if (record.rcode === 'REFUSED') {
		return {kind: 'lame', why: 'REFUSED: it does not serve the zone'};
	}

	if (record.rcode !== 'NOERROR') {
		return {kind: 'lame', why: `${record.rcode} for the zone's SOA`};
	}

	const soa = records(record, 'answerRecords').find(item => item.type === 'SOA' && sameName(item.name, zone));
	if (!soa) {
		const up = records(record, 'authority').find(item => item.type === 'NS');
		return {kind: 'lame', why: up ? `a referral to ${shown(up.name || '.')} instead of the zone's SOA` : 'no SOA record for the zone (NODATA)'};
	}

	if (record.aa !== true) {
		return {kind: 'lame', why: 'the SOA without the authoritative-answer (AA) flag: it only relays the zone (a cache or forwarder), it does not serve it'};
	}

	return {kind: 'authoritative', soa: soa.data};
}
