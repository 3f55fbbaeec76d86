import {describe, expect, it} from 'vitest';
import {judgeDelegation, type DelegationPlan, type DelegationRecord} from '../../src/checks/judge/dns-delegation-judge.js';

const zone = 'east.cloud.example';
const plan: DelegationPlan = {zones: [{zone, expectedNames: [`azs-ns01.${zone}`, `azs-ns02.${zone}`], optional: false}], parentServers: ['10.0.0.53'], delegatedServers: ['10.9.0.1', '10.9.0.2']};
const soa = `azs-ns01.${zone} hostmaster.${zone} 7 900 600 86400 60`;

function record(role: DelegationRecord['role'], server: string, fields: Partial<DelegationRecord>): DelegationRecord {
	const qtype = role === 'parent' ? 'NS' : 'SOA';
	return {target: `udp://${server} ${zone} ${qtype}`, kind: 'dns-udp', ok: false, durationMs: 3, server, port: 53, transport: 'udp', name: zone, qtype, role, zone, localAddress: '10.1.1.10', rcode: 'NOERROR', answerRecords: [], authority: [], additional: [], ...fields};
}

const authoritative = ['10.9.0.1', '10.9.0.2'].map(server => record('delegated', server, {aa: true, answerRecords: [{name: zone, type: 'SOA', ttl: 60, data: soa}]}));
const noReferral = record('parent', '10.0.0.53', {aa: false, rcode: 'REFUSED'});
const goodParent = record('parent', '10.0.0.53', {
	authority: plan.zones[0]!.expectedNames.map(name => ({name: zone, type: 'NS', ttl: 1, data: name})),
	additional: [{name: `azs-ns01.${zone}`, type: 'A', ttl: 1, data: '10.9.0.1'}, {name: `azs-ns02.${zone}`, type: 'A', ttl: 1, data: '10.9.0.2'}],
});

describe('dns.delegation judgement', () => {
	it('passes a parent without a referral that reaches the zone by conditional forwarding (the same SOA)', () => {
		const forward = record('forward', '10.0.0.53', {aa: false, answerRecords: [{name: zone, type: 'SOA', ttl: 60, data: soa}]});
		expect(judgeDelegation(plan, [noReferral, forward, ...authoritative])).toMatchObject({status: 'pass', summary: `${zone}: reached from 10.0.0.53 by conditional forwarding (no referral) to 10.9.0.1, 10.9.0.2, and every delegated server answers the SOA with authority`});
	});

	it('fails a forwarded SOA that is not the Azure Stack Hub zone: the forwarder points elsewhere', () => {
		const forward = record('forward', '10.0.0.53', {answerRecords: [{name: zone, type: 'SOA', ttl: 60, data: `ns.other.example hostmaster.other.example 1 1 1 1 1`}]});
		const verdict = judgeDelegation(plan, [noReferral, forward, ...authoritative]);
		expect(verdict).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(verdict.summary).toContain('answers another SOA for the zone (ns.other.example');
	});

	it('passes an NS answer instead of a referral, saying it is no referral (AA or not: a forwarder relays the AA bit)', () => {
		for (const aa of [false, true]) {
			const answer = record('parent', '10.0.0.53', {aa, answerRecords: goodParent.authority, additional: goodParent.additional});
			expect(judgeDelegation(plan, [answer, ...authoritative]).summary).toContain('answered by 10.0.0.53 without a referral (conditional forwarding, or a copy of the zone there) to 10.9.0.1, 10.9.0.2');
		}
	});

	it('escapes control characters in names from the wire and caps a long list of name servers', () => {
		const names = Array.from({length: 40}, (_, index) => `ns${index}\u001b[2J.evil.example`);
		const parent = record('parent', '10.0.0.53', {authority: names.map(name => ({name: zone, type: 'NS', ttl: 1, data: name}))});
		const verdict = judgeDelegation(plan, [parent, ...authoritative]);
		expect(verdict.status).toBe('fail');
		expect(verdict.summary).toContain('the delegation points elsewhere');
		expect(verdict.summary).not.toContain('\u001b');
		expect(verdict.summary).toContain('\\u001b[2J');
		expect(verdict.summary).toContain('(+36 more)');
	});

	it('reads a non-authoritative SOA from a delegated server as lame (a cache, not the zone)', () => {
		const relayed = record('delegated', '10.9.0.2', {aa: false, answerRecords: [{name: zone, type: 'SOA', ttl: 60, data: soa}]});
		const verdict = judgeDelegation(plan, [goodParent, authoritative[0]!, relayed]);
		expect(verdict).toMatchObject({status: 'fail', owner: 'operator'});
		expect(verdict.summary).toContain('lame delegation: 10.9.0.2 answers the SOA without the authoritative-answer (AA) flag');
	});

	it('describes a malformed reply and a stopped run', () => {
		const broken = record('delegated', '10.9.0.1', {rcode: undefined, errorCode: 'BAD_RDATA'});
		const stopped = record('delegated', '10.9.0.2', {rcode: undefined, errorCode: 'ABORTED'});
		const verdict = judgeDelegation(plan, [goodParent, broken, stopped]);
		expect(verdict.status).toBe('fail');
		expect(verdict.summary).toContain('a record whose data does not fit its stated length');
	});
});
