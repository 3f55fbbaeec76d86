import {describe, expect, it} from 'vitest';
import {judgeSilence, type Silence} from '../../src/checks/judge/silent-loss.js';
import type {ProbeRecord} from '../../src/checks/types.js';

const silence: Silence = {kind: 'ntp', what: 'NTP 10.0.0.123', service: 'UDP 123', server: '10.0.0.123', from: '10.0.1.10', serverOwner: 'customer', role: 'the time server'};
const silent: ProbeRecord = {target: 'udp://10.0.0.123:123', kind: 'ntp', ok: false, durationMs: 1000, errorCode: 'TIMEOUT', server: '10.0.0.123', port: 123};
const look = (fields: Partial<ProbeRecord>): ProbeRecord => ({target: 'tcp://10.0.0.123:1', kind: 'tcp', ok: false, durationMs: 3, secondLook: true, ...fields});
const resend = (fields: Partial<ProbeRecord>): ProbeRecord => look({target: 'udp://10.0.0.123:123', kind: 'ntp', unconnected: true, errorCode: 'TIMEOUT', durationMs: 1000, ...fields});

describe('judgeSilence', () => {
	it('has no verdict without a complete second look', () => {
		expect(judgeSilence(silence, [silent])).toBeUndefined();
		expect(judgeSilence(silence, [silent, resend({errorCode: 'ABORTED'}), look({errorCode: 'ABORTED'})])).toBeUndefined();
	});

	it('calls a port filtered when the host resets another (firewall team)', () => {
		const verdict = judgeSilence(silence, [silent, resend({}), look({errorCode: 'ECONNREFUSED'})]);
		expect(verdict).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(verdict!.summary).toBe("NTP 10.0.0.123: no answer on UDP 123, but the host resets TCP 1: UDP 123 is filtered on the way (or by the host's own firewall)");
		expect(verdict!.remediation).toMatch(/^Allow UDP port 123 from 10\.0\.1\.10 to 10\.0\.0\.123 on the firewall in the path \(second look: ntp TIMEOUT in 1000 ms, tcp ECONNREFUSED in 3 ms\)\.$/);
	});

	it('sends "nothing answers" to the server\'s owner, naming the firewall as the other possibility', () => {
		for (const code of ['TIMEOUT', 'EHOSTUNREACH']) {
			const verdict = judgeSilence(silence, [silent, resend({}), look({errorCode: code})]);
			expect(verdict).toMatchObject({status: 'fail', owner: 'customer'});
			expect(verdict!.summary).toContain('nothing at 10.0.0.123 answers at all');
			expect(verdict!.summary).toContain('or a firewall drops everything to it');
		}
	});

	it('names a reply from another address (network team) before anything else', () => {
		const verdict = judgeSilence(silence, [silent, resend({ok: true, errorCode: undefined, replyFrom: '10.9.9.9', stratum: 2}), look({errorCode: 'ECONNREFUSED'})]);
		expect(verdict).toMatchObject({status: 'fail', owner: 'network-team'});
		expect(verdict!.summary).toBe('NTP 10.0.0.123: no answer from 10.0.0.123; the answer came from 10.9.9.9, not from the server you asked');
		const garbage = judgeSilence(silence, [silent, resend({errorCode: 'SHORT_REPLY', replyBytes: 3, replyFrom: '10.9.9.9'}), look({})]);
		expect(garbage!.summary).toContain('the reply (invalid) came from 10.9.9.9');
	});

	it('counts an answer on the other DNS transport as a sign of life, not as loss', () => {
		const tcpSilence: Silence = {...silence, kind: 'dns-tcp', what: 'x via TCP 10.0.0.53', service: 'TCP 53', server: '10.0.0.53', serverOwner: 'dns-team', role: 'the DNS server'};
		const udpAnswer = look({target: 'udp://10.0.0.53:53 x A', kind: 'dns-udp', unconnected: true, ok: true, rcode: 'NOERROR', replyBytes: 40, replyFrom: '10.0.0.53', port: 53});
		const verdict = judgeSilence(tcpSilence, [{...silent, kind: 'dns-tcp', connected: false}, udpAnswer, look({target: 'tcp://10.0.0.53:1', errorCode: 'TIMEOUT'})]);
		expect(verdict).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(verdict!.summary).toBe("x via TCP 10.0.0.53: no answer on TCP 53, but the host answers DNS over UDP 53: TCP 53 is filtered on the way (or by the host's own firewall)");
	});

	it('warns of packet loss when the second query was answered by the server itself', () => {
		const verdict = judgeSilence(silence, [silent, resend({ok: true, errorCode: undefined, replyFrom: '10.0.0.123'}), look({errorCode: 'ECONNREFUSED'})]);
		expect(verdict).toMatchObject({status: 'warn', owner: 'network-team'});
	});
});
