/** The status line and headers of an HTTP/1.x response. */
export type HttpHead = {status: number; reason: string; headers: Record<string, string>};

/** The longest response head we read: enough for any real header block, bounded against floods. */
export const maxHeadBytes = 16 * 1024;

/** Parses a response head (up to the blank line). Returns undefined when it is not HTTP. Pure. */
export function parseHttpHead(text: string): HttpHead | undefined {
	const end = text.indexOf('\r\n\r\n');
	const lines = (end === -1 ? text : text.slice(0, end)).split('\r\n');
	const match = /^HTTP\/\d(?:\.\d)? (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
	if (!match) {
		return undefined;
	}

	// No prototype: a peer's header named "constructor" or "__proto__" is just a header.
	const headers: Record<string, string> = Object.create(null) as Record<string, string>;
	for (const line of lines.slice(1, 101)) {
		const colon = line.indexOf(':');
		if (colon > 0) {
			const name = line.slice(0, colon).trim().toLowerCase();
			const value = line.slice(colon + 1).trim();
			headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
		}
	}

	return {status: Number(match[1]), reason: match[2] ?? '', headers};
}

const proxyHeaders = ['via', 'proxy-authenticate', 'proxy-connection', 'x-squid-error', 'x-bluecoat-via', 'x-zscaler-via', 'x-forwarded-for'];
const proxyServers = /squid|bluecoat|zscaler|fortigate|mcafee web gateway|forcepoint|websense|netskope|cisco wsa|ironport/i;

/** The response headers that show a proxy answered or relayed: `name: value` each. Pure. */
export function proxyMarkers(head: HttpHead): string[] {
	const markers = proxyHeaders.filter(name => head.headers[name] !== undefined).map(name => `${name}: ${head.headers[name]}`);
	const server = head.headers.server;
	if (server && proxyServers.test(server)) {
		markers.push(`server: ${server}`);
	}

	const cache = head.headers['x-cache'];
	if (cache && /squid|proxy/i.test(cache)) {
		markers.push(`x-cache: ${cache}`);
	}

	return markers;
}
