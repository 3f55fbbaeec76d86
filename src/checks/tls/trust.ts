import fs from 'node:fs';
import tls from 'node:tls';

/** Where Linux distributions keep the system trust bundle (Debian/Ubuntu first, then RHEL/SUSE). */
const bundlePaths = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem'];

let systemBundle: string[] | undefined;

function readSystemBundle(): string[] {
	if (systemBundle) {
		return systemBundle;
	}

	const candidates = [process.env.SSL_CERT_FILE, process.env.NODE_EXTRA_CA_CERTS, ...bundlePaths].filter((file): file is string => Boolean(file));
	systemBundle = [];
	for (const file of candidates) {
		try {
			systemBundle.push(fs.readFileSync(file, 'utf8'));
			break;
		} catch {
			// Not on this system: try the next location.
		}
	}

	return systemBundle;
}

/**
The CA list for a verifying TLS connection: undefined (Node's defaults: Mozilla roots plus
NODE_EXTRA_CA_CERTS) when there is nothing extra, else Mozilla roots + the system bundle + extras,
because an explicit `ca` replaces the defaults instead of adding to them.
Node 20 cannot read the Windows or macOS certificate store: there, pass the customer's roots as extra CAs.
*/
export function trustedCas(extraCaPem: readonly string[]): string[] | undefined {
	if (extraCaPem.length === 0) {
		return undefined;
	}

	return [...tls.rootCertificates, ...readSystemBundle(), ...extraCaPem];
}

const contexts = new Map<string, tls.SecureContext>();

/**
A secure context trusting the defaults plus the extra CAs, built once per CA set: building one
parses every root certificate (hundreds), which cost tens of milliseconds of CPU per connection
and serialised parallel TLS probes on the one JavaScript thread. Undefined means Node's defaults.
*/
export function secureContextFor(extraCaPem: readonly string[]): tls.SecureContext | undefined {
	const ca = trustedCas(extraCaPem);
	if (!ca) {
		return undefined;
	}

	const key = extraCaPem.join('\n');
	let context = contexts.get(key);
	if (!context) {
		context = tls.createSecureContext({ca});
		contexts.set(key, context);
	}

	return context;
}
