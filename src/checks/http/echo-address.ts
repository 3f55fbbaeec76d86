import {parseIpv4} from '../../inputs/ipv4.js';

/** Fields "what is my address" services put the caller's address in (ipify, ifconfig.co, httpbin, ip-api, …). */
const addressFields = ['ip', 'address', 'origin', 'query', 'ip_addr', 'clientIp', 'client_ip', 'yourIp'];

const ipv4Pattern = /\b(?:\d{1,3}\.){3}\d{1,3}\b/;

function firstIpv4(text: string): string | undefined {
	const match = ipv4Pattern.exec(text)?.[0];
	return match && parseIpv4(match) !== undefined ? match : undefined;
}

/**
The address an echo service says it saw: JSON (one of the usual fields, e.g. `{"ip": "…"}`, or
`"origin": "a, b"` where the first is the client), else plain text holding one IPv4 address. Anything
else (HTML, an error page with no address, garbage) gives undefined. Pure; never throws.
*/
export function parseEchoAddress(body: string, contentType = ''): string | undefined {
	const text = body.trim();
	if (text.startsWith('{') || /json/i.test(contentType)) {
		try {
			const value = JSON.parse(text) as unknown;
			if (value && typeof value === 'object' && !Array.isArray(value)) {
				const record = value as Record<string, unknown>;
				for (const field of addressFields) {
					const candidate = record[field];
					if (typeof candidate === 'string') {
						const address = firstIpv4(candidate.split(',')[0] ?? '');
						if (address) {
							return address;
						}
					}
				}
			}
		} catch {
			// Not JSON after all: fall through to plain text.
		}

		return undefined;
	}

	// Plain text: the whole answer is one address (a page that merely mentions one is not an echo).
	const line = text.split(/\r?\n/)[0]?.trim() ?? '';
	return parseIpv4(line) === undefined ? undefined : line;
}
