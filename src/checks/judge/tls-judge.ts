import type {TlsProbeRecord} from '../probes/web-probe.js';
import type {Judgement} from './verdict.js';

/** Issuer name fragments of the public CAs Microsoft's endpoints chain to. */
export const defaultExpectedIssuers = ['Microsoft', 'DigiCert'];

const selfSigned = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT']);

function matchesExpected(names: readonly string[], expected: readonly string[]): boolean {
	return names.some(name => expected.some(fragment => name.toLowerCase().includes(fragment.toLowerCase())));
}

/**
Verdict on one TLS handshake (plain record in, verdict out). Expired and wrong-name certificates are
their own findings; an unverifiable chain whose leaf issuer is not an expected public CA is TLS
interception, named by its issuing CA. With `expectedIssuers`, a chain that verifies only because
the inspection CA is trusted on this host is interception too: Azure Stack Hub will not trust it.
*/
export function judgeTls(record: TlsProbeRecord, port: number, expectedIssuers?: readonly string[]): Judgement {
	const who = `${record.hostname}:${port}`;
	const from = record.localAddress ?? 'this host';
	const leaf = record.chain?.[0];
	const issuer = leaf?.issuer ?? 'unknown issuer';
	const exempt = `Exempt ${record.hostname} (port ${port}) from TLS inspection for ${from}: Azure Stack Hub does not support TLS interception.`;
	if (!record.handshake) {
		if (record.errorCode === 'ABORTED') {
			return {status: 'skipped', summary: `${who}: TLS not tested: stopped by the operator`};
		}

		if (stalledAfterClientHello(record)) {
			// TCP opened and the ClientHello left, but the server's certificate flight (large packets)
			// never arrived: a path MTU black hole looks exactly like this, and so does a silent device.
			const received = record.bytesReceived ? `only ${record.bytesReceived} bytes came back` : 'nothing came back';
			return {
				status: 'fail',
				summary: `${who}: TLS handshake timed out after the ClientHello went out (${record.bytesSent} bytes) and ${received}: possible path-MTU black hole (large packets dropped and ICMP "fragmentation needed" blocked), or a device that accepts TCP and never answers`,
				remediation: `From ${from}, run ping -f -l 1472 ${record.hostname} (Windows) and lower -l until it passes: if small packets pass and 1500-byte ones do not, a link on the path has a smaller MTU and its ICMP "fragmentation needed" is blocked; the network team allows that ICMP or clamps the TCP MSS. If every size passes, the proxy or firewall is holding the connection.`,
				owner: 'network-team',
			};
		}

		const what = record.errorCode === 'TIMEOUT' ? 'timed out: something accepts TCP but does not speak TLS' : `failed (${record.errorCode ?? 'unknown'})`;
		return {status: 'fail', summary: `${who}: TLS handshake ${what}`, remediation: `Check the proxy or firewall between ${from} and ${record.hostname}: it accepts the connection but breaks TLS.`, owner: 'proxy-security-team'};
	}

	if (record.unreadable) {
		return {
			status: 'fail',
			summary: `${who}: the certificate presented cannot be read (${record.unreadable.join(', ')}; issuer "${issuer}"): no public CA issues such a certificate, so something other than the real service answers`,
			remediation: `Find the device between ${from} and ${record.hostname} that presents this certificate (interception or a device answering for the service) and exempt or remove it.`,
			owner: 'proxy-security-team',
		};
	}

	const interception = (how: string): Judgement => ({
		status: 'fail',
		summary: `${who}: TLS interception: the certificate is issued by "${issuer}"${how}`,
		remediation: exempt,
		owner: 'proxy-security-team',
	});

	if (record.chainError && (selfSigned.has(record.chainError) || (leaf && leaf.subject === leaf.issuer && record.chain?.length === 1))) {
		return {status: 'fail', summary: `${who}: self-signed certificate "${leaf?.subject ?? '?'}": not the real service (interception or a device answering for it)`, remediation: exempt, owner: 'proxy-security-team'};
	}

	if (record.chainError && record.chainError !== 'CERT_HAS_EXPIRED' && record.chainError !== 'CERT_NOT_YET_VALID') {
		if (!expectedIssuers || !matchesExpected(record.issuers ?? [], expectedIssuers)) {
			return interception(`, which this host does not trust (${record.chainError})`);
		}

		return {status: 'fail', summary: `${who}: certificate chain does not verify (${record.chainError}; issuer "${issuer}")`, remediation: `Check that ${from} trusts the public roots and that nothing replaces the chain of ${record.hostname}.`, owner: 'proxy-security-team'};
	}

	if (record.expired || record.chainError === 'CERT_HAS_EXPIRED') {
		return {status: 'fail', summary: `${who}: certificate expired on ${leaf?.validTo?.slice(0, 10) ?? '?'} (issuer "${issuer}")`, remediation: `Find what presents an expired certificate for ${record.hostname}: if this host's clock is right, something other than the real service answers (check for TLS inspection).`, owner: 'proxy-security-team'};
	}

	if (record.notYetValid || record.chainError === 'CERT_NOT_YET_VALID') {
		return {status: 'fail', summary: `${who}: certificate not valid before ${leaf?.validFrom?.slice(0, 10) ?? '?'}: check this host's clock`, remediation: 'Fix the clock of this host (see the NTP check), then re-run.', owner: 'operator'};
	}

	if (record.identityError) {
		return {status: 'fail', summary: `${who}: wrong name: the certificate is for ${leaf?.subjectAltName ?? leaf?.subject ?? '?'}, not ${record.hostname}`, remediation: `Something other than ${record.hostname} answers at this address: check DNS (it must resolve through the forwarders to the real service) and any proxy in the path.`, owner: 'proxy-security-team'};
	}

	if (expectedIssuers && !matchesExpected(record.issuers ?? [], expectedIssuers)) {
		return interception(` (trusted on this host, but not a public CA: ${expectedIssuers.join(', ')} expected)`);
	}

	return {status: 'pass', summary: `${who}: certificate verifies (issuer "${issuer}", ${record.protocol ?? 'TLS'})`};
}

/**
A handshake that timed out after our ClientHello left and before a full server flight arrived (a
ServerHello with a certificate is well over one 1500-byte packet). Pure.
*/
export function stalledAfterClientHello(record: TlsProbeRecord): boolean {
	return record.errorCode === 'TIMEOUT' && (record.bytesSent ?? 0) > 0 && record.bytesReceived !== undefined && record.bytesReceived < 1400;
}
