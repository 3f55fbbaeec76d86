import {describe, expect, it} from 'vitest';
import {judgeEgress, type EgressAttempt} from '../../src/checks/judge/egress-judge.js';
import {judgeTls} from '../../src/checks/judge/tls-judge.js';
import type {TlsProbeRecord} from '../../src/checks/probes/web-probe.js';
import type {CertificateInfo} from '../../src/checks/tls/certificate.js';

const cert = (subject: string, issuer: string, fields: Partial<CertificateInfo> = {}): CertificateInfo => ({subject, issuer, validFrom: '2025-01-01T00:00:00.000Z', validTo: '2099-01-01T00:00:00.000Z', fingerprint256: subject, ...fields});
const tls = (fields: Partial<TlsProbeRecord>): TlsProbeRecord => ({target: 't', kind: 'tls', ok: true, durationMs: 4, hostname: 'login.microsoftonline.com', handshake: true, chain: [cert('login.microsoftonline.com', 'Microsoft Azure RSA TLS Issuing CA 04')], issuers: ['Microsoft Azure RSA TLS Issuing CA 04'], localAddress: '10.0.1.10', ...fields});

describe('judgeTls', () => {
	it('passes a verified chain from an expected issuer', () => {
		expect(judgeTls(tls({}), 443, ['Microsoft']).status).toBe('pass');
	});

	it('names the issuing CA of an untrusted chain as interception', () => {
		const verdict = judgeTls(tls({ok: false, chainError: 'SELF_SIGNED_CERT_IN_CHAIN', chain: [cert('login.microsoftonline.com', 'Fortinet CA'), cert('Fortinet CA', 'Fortinet CA')], issuers: ['Fortinet CA', 'Fortinet CA']}), 443);
		expect(verdict).toMatchObject({status: 'fail', owner: 'proxy-security-team'});
		expect(verdict.summary).toContain('TLS interception: the certificate is issued by "Fortinet CA"');
		expect(verdict.remediation).toContain('Exempt login.microsoftonline.com (port 443) from TLS inspection for 10.0.1.10');
	});

	it('calls a trusted chain from an unexpected issuer interception', () => {
		expect(judgeTls(tls({chain: [cert('x', 'Corp Root')], issuers: ['Corp Root']}), 443, ['Microsoft', 'DigiCert']).summary).toMatch(/interception.*trusted on this host/);
	});

	it('reports expired, not-yet-valid, wrong-name and self-signed as their own findings', () => {
		expect(judgeTls(tls({ok: false, expired: true, chainError: 'CERT_HAS_EXPIRED'}), 443).summary).toMatch(/expired on 2099-01-01/);
		expect(judgeTls(tls({ok: false, notYetValid: true}), 443).owner).toBe('operator');
		expect(judgeTls(tls({ok: false, identityError: 'ERR_TLS_CERT_ALTNAME_INVALID'}), 443).summary).toMatch(/wrong name/);
		expect(judgeTls(tls({ok: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT', chain: [cert('me', 'me')]}), 443).summary).toMatch(/self-signed/);
	});

	it('fails a handshake that never completes', () => {
		expect(judgeTls(tls({ok: false, handshake: false, errorCode: 'TIMEOUT'}), 443).summary).toMatch(/does not speak TLS/);
		// The ClientHello left and nothing (or less than a certificate flight) came back: a path-MTU black hole, or a silent device.
		const stalled = judgeTls(tls({ok: false, handshake: false, errorCode: 'TIMEOUT', bytesSent: 517, bytesReceived: 0}), 443);
		expect(stalled).toMatchObject({status: 'fail', owner: 'network-team'});
		expect(stalled.summary).toContain('possible path-MTU black hole');
		expect(stalled.summary).toContain('or a device that accepts TCP and never answers');
		expect(stalled.remediation).toContain('ping -f -l 1472');
		expect(judgeTls(tls({ok: false, handshake: false, errorCode: 'TIMEOUT', bytesSent: 517, bytesReceived: 4000}), 443).summary).toMatch(/does not speak TLS/);
		expect(judgeTls(tls({ok: false, handshake: false, errorCode: 'ABORTED'}), 443).status).toBe('skipped');
	});
});

describe('judgeEgress', () => {
	const attempt: EgressAttempt = {host: 'login.microsoftonline.com', port: 443, scheme: 'https', dns: [], address: '20.190.1.1', tcp: {target: 't', kind: 'tcp', ok: true, durationMs: 3, localAddress: '10.0.1.10'}, tls: tls({}), http: {target: 'h', kind: 'http', ok: true, durationMs: 5, status: 200, proxyMarkers: []}};
	it('passes any status of the real service, even 404', () => {
		expect(judgeEgress({...attempt, http: {...attempt.http!, status: 404}})).toMatchObject({status: 'pass', layer: 'none'});
	});

	it('fails a 407, or a 403 with proxy headers, at the HTTP layer', () => {
		expect(judgeEgress({...attempt, http: {...attempt.http!, status: 407}})).toMatchObject({status: 'fail', layer: 'http', owner: 'proxy-security-team'});
		expect(judgeEgress({...attempt, http: {...attempt.http!, status: 403, proxyMarkers: ['via: 1.1 squid']}}).layer).toBe('http');
		expect(judgeEgress({...attempt, http: {...attempt.http!, status: 403}}).status).toBe('pass');
	});

	it('names the TCP layer and the firewall team', () => {
		const verdict = judgeEgress({...attempt, tcp: {target: 't', kind: 'tcp', ok: false, durationMs: 1000, errorCode: 'TIMEOUT', localAddress: '10.0.1.10'}});
		expect(verdict).toMatchObject({layer: 'tcp', owner: 'firewall-team'});
		expect(verdict.summary).toContain('dropped');
	});

	it('names the DNS layer, or errors without forwarders', () => {
		expect(judgeEgress({...attempt, address: undefined, dns: [{target: 'd', kind: 'dns-udp', ok: false, durationMs: 1, errorCode: 'SERVFAIL', server: '10.0.0.53', port: 53, transport: 'udp', name: 'login.microsoftonline.com', qtype: 'A'}]})).toMatchObject({layer: 'dns', owner: 'dns-team'});
		expect(judgeEgress({...attempt, address: undefined, dnsReason: 'no DNS forwarders configured to resolve it'}).status).toBe('error');
	});
});
