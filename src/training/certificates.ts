import {createHash} from 'node:crypto';
import type {CertificateInfo} from '../checks/tls/certificate.js';
import type {TlsProbeRecord} from '../checks/probes/web-probe.js';
import type {TlsRule} from './scenario-schema.js';

/** The public chain Microsoft's endpoints present (names as `formatName` writes them). */
const issuingCa = 'Microsoft Azure RSA TLS Issuing CA 04 (Microsoft Corporation)';
const publicRoot = 'DigiCert Global Root G2 (DigiCert Inc)';
const dayMs = 86_400_000;

function fingerprint(...parts: string[]): string {
	return createHash('sha256').update(parts.join('\n')).digest('hex').toUpperCase().match(/../g)!.join(':');
}

function certificate(subject: string, issuer: string, now: number, fields: {validTo?: number; san?: string} = {}): CertificateInfo {
	const validFrom = new Date(now - (60 * dayMs)).toISOString();
	const validTo = new Date(fields.validTo ?? now + (300 * dayMs)).toISOString();
	return {subject, issuer, validFrom, validTo, ...(fields.san ? {subjectAltName: fields.san} : {}), fingerprint256: fingerprint(subject, issuer, validTo)};
}

function publicChain(leaf: CertificateInfo, now: number): CertificateInfo[] {
	return [leaf, certificate(issuingCa, publicRoot, now), certificate(publicRoot, publicRoot, now)];
}

/**
The TLS layer's fields for a handshake that completed, as `probeWeb` records them from the peer
certificate: the presented chain, chain verification (as if against the public roots), identity and
validity. Node's own wording is kept for the identity reason.
*/
export function handshakeFields(hostname: string, kind: Exclude<TlsRule['certificate'], 'no-handshake'>, rule: TlsRule | undefined, now: number): Pick<TlsProbeRecord, 'ok' | 'chain' | 'issuers' | 'chainError' | 'identityError' | 'identityReason' | 'expired'> {
	const san = `DNS:${hostname}`;
	let chain: CertificateInfo[];
	let chainError: string | undefined;
	let identity: {identityError: string; identityReason: string} | undefined;
	let expired = false;
	switch (kind) {
		case 'good': {
			chain = publicChain(certificate(hostname, issuingCa, now, {san}), now);
			break;
		}

		case 'expired': {
			chain = publicChain(certificate(hostname, issuingCa, now, {san, validTo: now - (12 * dayMs)}), now);
			chainError = 'CERT_HAS_EXPIRED';
			expired = true;
			break;
		}

		case 'wrong-name': {
			const other = rule?.presentedFor ?? 'captive-portal.contoso.example';
			chain = publicChain(certificate(other, issuingCa, now, {san: `DNS:${other}`}), now);
			identity = {identityError: 'ERR_TLS_CERT_ALTNAME_INVALID', identityReason: `Hostname/IP does not match certificate's altnames: Host: ${hostname}. is not in the cert's altnames: DNS:${other}`};
			break;
		}

		case 'self-signed': {
			chain = [certificate(hostname, hostname, now, {san})];
			chainError = 'DEPTH_ZERO_SELF_SIGNED_CERT';
			break;
		}

		case 'intercepted': {
			// The inspecting proxy forges a leaf for the name and signs it with its own CA.
			const ca = rule?.issuer ?? 'Inspection CA';
			chain = [certificate(hostname, ca, now, {san}), certificate(ca, ca, now)];
			chainError = rule?.trustedOnHost ? undefined : 'SELF_SIGNED_CERT_IN_CHAIN';
			break;
		}
	}

	return {
		ok: !chainError && !identity && !expired,
		...(chainError ? {chainError} : {}),
		...identity,
		...(expired ? {expired} : {}),
		chain,
		issuers: chain.map(cert => cert.issuer),
	};
}
