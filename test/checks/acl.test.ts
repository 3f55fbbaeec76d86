import net from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {aclFlow} from '../../src/checks/acl-flow.js';
import {classifyFlow, judgeFlow, judgeUnrestricted, type Flow} from '../../src/checks/judge/acl-judge.js';
import type {ProbeRecord} from '../../src/checks/types.js';
import {checkContext} from './helpers.js';

const record = (fields: Partial<ProbeRecord>): ProbeRecord => ({target: 't', kind: 'tcp', ok: false, durationMs: 3, localAddress: '10.200.1.11', ...fields});
const flow: Flow = {host: '10.200.2.11', port: 443, protocol: 'tcp', expect: 'deny'};

describe('classifyFlow', () => {
	it.each([
		[{ok: true}, 'open'],
		[{errorCode: 'TIMEOUT'}, 'dropped'],
		[{errorCode: 'ECONNREFUSED'}, 'refused'],
		[{errorCode: 'EHOSTUNREACH'}, 'unreachable'],
		[{errorCode: 'REFUSED', rcode: 'REFUSED'}, 'open'],
		[{errorCode: 'TIMEOUT', connected: true}, 'open'],
		[{errorCode: 'BAD_ORIGIN', replyBytes: 48}, 'open'],
		[{errorCode: 'ABORTED'}, 'aborted'],
		[{errorCode: 'UNRESOLVED'}, 'error'],
	])('%o is %s', (fields, outcome) => {
		expect(classifyFlow(record(fields))).toBe(outcome);
	});
});

describe('flows the design may permit, and a host the ACL does not restrict', () => {
	const confirm: Flow = {host: '10.200.2.12', port: 443, protocol: 'tcp', expect: 'confirm', owner: 'oem'};
	it('warns (owner OEM) when a confirm flow is open, and passes when it is blocked', () => {
		expect(judgeFlow(confirm, record({ok: true}))).toMatchObject({status: 'warn', owner: 'oem', summary: expect.stringContaining('confirm that the ACL design permits it')});
		expect(judgeFlow(confirm, record({errorCode: 'TIMEOUT'}))).toMatchObject({status: 'pass'});
	});

	it('names the owner of a deny found open', () => {
		expect(judgeFlow({...flow, owner: 'oem'}, record({ok: true}))).toMatchObject({status: 'fail', owner: 'oem'});
	});

	it('fails once, for the OEM, when every restricted flow is open; not when one is blocked or only one is restricted', () => {
		const open = (each: Flow) => ({flow: each, outcome: 'open' as const, verdict: judgeFlow(each, record({ok: true}))});
		const deny: Flow = {...flow, owner: 'oem'};
		expect(judgeUnrestricted([open(confirm), open(deny)])).toMatchObject({status: 'fail', owner: 'oem', summary: expect.stringContaining('the ACL does not restrict this host')});
		expect(judgeUnrestricted([open(confirm), {flow: deny, outcome: 'dropped', verdict: judgeFlow(deny, record({errorCode: 'TIMEOUT'}))}])).toBeUndefined();
		expect(judgeUnrestricted([open(confirm)])).toBeUndefined();
	});
});

describe('judgeFlow', () => {
	it('passes a deny only when the flow is blocked', () => {
		expect(judgeFlow(flow, record({errorCode: 'TIMEOUT'}))).toMatchObject({status: 'pass', outcome: 'dropped'});
		expect(judgeFlow(flow, record({ok: true}))).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(judgeFlow(flow, record({ok: true})).remediation).toBe('Deny TCP port 443 from 10.200.1.11 to 10.200.2.11 in the switch ACL (only the DVM is unrestricted).');
	});

	it('fails a blocked allow with the exact rule to add', () => {
		const verdict = judgeFlow({...flow, expect: 'allow'}, record({errorCode: 'EHOSTUNREACH'}));
		expect(verdict.status).toBe('fail');
		expect(verdict.summary).toMatch(/administratively prohibited/);
		expect(verdict.remediation).toBe('Allow TCP port 443 from 10.200.1.11 to 10.200.2.11 in the switch ACL or firewall.');
	});

	it('flags a flow that passed from the wrong source', () => {
		const verdict = judgeFlow({...flow, expect: 'allow', expectedSource: ['10.200.3.0/24']}, record({ok: true}));
		expect(verdict).toMatchObject({status: 'fail', owner: 'operator'});
		expect(verdict.summary).toContain('passed, but from the wrong source 10.200.1.11 (expected 10.200.3.0/24)');
		expect(judgeFlow({...flow, expect: 'allow', expectedSource: ['192.168.0.0/24', '10.200.1.0/26']}, record({ok: true})).status).toBe('pass');
	});
});

describe('acl.flow over loopback', () => {
	let server: net.Server;
	let port = 0;
	beforeAll(async () => {
		server = net.createServer(socket => socket.destroy());
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
		port = (server.address() as net.AddressInfo).port;
	});
	afterAll(async () => new Promise<void>(resolve => server.close(() => resolve())));

	it('judges several flows at once, keeping each outcome in the evidence', async () => {
		const result = await aclFlow.run(aclFlow.params.parse({flows: [{host: '127.0.0.1', port, expect: 'allow'}, {host: '127.0.0.1', port: 1, expect: 'deny'}], timeoutMs: 1000}), checkContext());
		expect(result.status).toBe('pass');
		expect(result.evidence.map(item => item.outcome)).toEqual(['open', 'refused']);
		expect(result.vantage.localAddresses).toEqual(['127.0.0.1']);
	});
});

describe('acl.flow parameters', () => {
	it('expands a host list and resolves names through the forwarders', async () => {
		const result = await aclFlow.run(aclFlow.params.parse({flows: {host: ['127.0.0.1', 'no-such-host.example'], port: 1, expect: 'deny'}, timeoutMs: 500}), checkContext());
		expect(result.evidence.map(record => record.outcome)).toEqual(['refused', 'error']);
		expect(result.status).toBe('error');
		expect(result.owner).toBe('dns-team');
	});

	it('refuses an expected source that is not a CIDR', () => {
		expect(judgeFlow({...flow, expectedSource: ['10.0.0.1']}, record({ok: true})).status).toBe('error');
	});
});
