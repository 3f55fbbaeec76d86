/** Where an explicit proxy listens. */
export type ProxyAddress = {host: string; port: number};

/**
Reads a configured proxy value: `http://user:pass@host:port/`, `host:port`, or WinHTTP's
per-scheme list `http=host:port;https=host:port` (the https entry wins). Undefined when it names no
host. Pure.
*/
export function parseProxyAddress(value: string): ProxyAddress | undefined {
	const entries = value.split(/[;\s]+/).filter(Boolean);
	const https = entries.find(entry => /^https=/i.test(entry));
	const chosen = (https ?? entries.find(entry => !/^[a-z]+=/i.test(entry)) ?? entries[0] ?? '').replace(/^[a-z]+=/i, '');
	const match = /^(?:[a-z][a-z\d+.-]*:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)(?::(\d{1,5}))?\/?$/i.exec(chosen);
	if (!match) {
		return undefined;
	}

	const port = Number(match[2] ?? 80);
	return port >= 1 && port <= 65_535 ? {host: match[1]!.replace(/^\[|\]$/g, ''), port} : undefined;
}

/** The authentication schemes a proxy offers, from its `proxy-authenticate: …` marker (`Basic realm="x"` → Basic). Pure. */
export function authSchemes(markers: readonly string[]): string[] {
	const values = markers.filter(marker => marker.toLowerCase().startsWith('proxy-authenticate:')).map(marker => marker.slice(marker.indexOf(':') + 1));
	// A scheme starts the header value or follows a comma; parameters (realm="…") never do outside quotes.
	const schemes = values.flatMap(value => [...value.replaceAll(/"[^"]*"/g, '""').matchAll(/(?:^|,)\s*([A-Za-z][\w-]*)(?=\s|,|$)/g)].map(match => match[1]!));
	return [...new Set(schemes)];
}
