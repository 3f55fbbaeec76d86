import type {DetailedPeerCertificate, PeerCertificate} from 'node:tls';

/** A certificate as evidence: plain data a judge (or a training script) can work with. */
export type CertificateInfo = {
	subject: string;
	issuer: string;
	validFrom: string;
	validTo: string;
	subjectAltName?: string;
	fingerprint256: string;
};

/** Formats a distinguished name for the operator: `CN (O)`, whichever parts exist. */
export function formatName(name: Record<string, string | string[] | undefined> | undefined): string {
	if (!name) {
		return 'unknown';
	}

	const part = (key: string) => {
		const value = name[key];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	const common = part('CN');
	const organization = part('O');
	if (common && organization && !common.includes(organization)) {
		return `${common} (${organization})`;
	}

	return common ?? organization ?? 'unknown';
}

function info(cert: PeerCertificate): CertificateInfo {
	return {
		subject: formatName(cert.subject as unknown as Record<string, string>),
		issuer: formatName(cert.issuer as unknown as Record<string, string>),
		validFrom: new Date(cert.valid_from).toISOString(),
		validTo: new Date(cert.valid_to).toISOString(),
		...(cert.subjectaltname ? {subjectAltName: cert.subjectaltname} : {}),
		fingerprint256: cert.fingerprint256,
	};
}

/** Walks the presented chain from the leaf up (bounded, loop-safe: a root points at itself). */
export function describeChain(leaf: DetailedPeerCertificate): CertificateInfo[] {
	const chain: CertificateInfo[] = [];
	const seen = new Set<string>();
	let current: DetailedPeerCertificate | undefined = leaf;
	while (current && Object.keys(current).length > 0 && !seen.has(current.fingerprint256) && chain.length < 10) {
		seen.add(current.fingerprint256);
		chain.push(info(current));
		current = current.issuerCertificate;
	}

	return chain;
}
