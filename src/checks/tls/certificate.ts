import type {DetailedPeerCertificate, PeerCertificate} from 'node:tls';

/** A certificate as evidence: plain data a judge (or a training script) can work with. */
export type CertificateInfo = {
	subject: string;
	issuer: string;
	/** ISO time; absent when the peer's certificate carries a date that cannot be read (see `unreadable`). */
	validFrom?: string;
	validTo?: string;
	subjectAltName?: string;
	fingerprint256: string;
	/** Fields of the peer's certificate that could not be read, as `field "raw value"`: evidence, never a crash. */
	unreadable?: string[];
};

/** Formats a distinguished name for the operator: `CN (O)`, whichever parts exist. */
export function formatName(name: Record<string, string | string[] | undefined> | undefined): string {
	if (!name) {
		return 'unknown';
	}

	const part = (key: string) => {
		const value: unknown = name[key];
		// A peer's certificate is untrusted: a name part may be a list, or (through odd encodings) anything.
		return Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'string' ? value : undefined;
	};
	const common = part('CN');
	const organization = part('O');
	if (common && organization && !common.includes(organization)) {
		return `${common} (${organization})`;
	}

	return common ?? organization ?? 'unknown';
}

/** A certificate date as ISO time, or undefined when the peer sent one nobody can read ("Bad time value"). */
function isoTime(raw: unknown): string | undefined {
	if (typeof raw !== 'string') {
		return undefined;
	}

	const time = Date.parse(raw);
	return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

/** Every field of a peer's certificate is untrusted input: each is classified, none can throw. */
function info(cert: PeerCertificate): CertificateInfo {
	const unreadable: string[] = [];
	const date = (field: string, raw: unknown) => {
		const iso = isoTime(raw);
		if (iso === undefined) {
			unreadable.push(`${field} ${typeof raw === 'string' ? JSON.stringify(raw.slice(0, 60)) : `(${raw === null ? 'null' : typeof raw})`}`);
		}

		return iso;
	};

	const validFrom = date('notBefore', cert.valid_from);
	const validTo = date('notAfter', cert.valid_to);
	const fingerprint = typeof cert.fingerprint256 === 'string' ? cert.fingerprint256 : 'unknown';
	return {
		subject: formatName(cert.subject as unknown as Record<string, string>),
		issuer: formatName(cert.issuer as unknown as Record<string, string>),
		...(validFrom ? {validFrom} : {}),
		...(validTo ? {validTo} : {}),
		...(typeof cert.subjectaltname === 'string' && cert.subjectaltname ? {subjectAltName: cert.subjectaltname} : {}),
		fingerprint256: fingerprint,
		...(unreadable.length > 0 ? {unreadable} : {}),
	};
}

/** Walks the presented chain from the leaf up (bounded, loop-safe: a root points at itself). */
export function describeChain(leaf: DetailedPeerCertificate): CertificateInfo[] {
	const chain: CertificateInfo[] = [];
	const seen = new Set<string>();
	let current: DetailedPeerCertificate | undefined = leaf;
	while (current && typeof current === 'object' && Object.keys(current).length > 0 && !seen.has(current.fingerprint256) && chain.length < 10) {
		seen.add(current.fingerprint256);
		chain.push(info(current));
		current = current.issuerCertificate;
	}

	return chain;
}
