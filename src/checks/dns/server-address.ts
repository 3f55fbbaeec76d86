import net from 'node:net';

export type ServerAddress = {host: string; port: number; text: string};

/**
Parses `ip`, `ip:port` or `[ipv6]:port`, the forms DNS and NTP server settings take.
Returns undefined for anything else (a name is not an address).
*/
export function parseServerAddress(value: string, defaultPort: number): ServerAddress | undefined {
	const trimmed = value.trim();
	const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(trimmed);
	const v4 = /^([\d.]+)(?::(\d{1,5}))?$/.exec(trimmed);
	let host: string | undefined;
	let port = defaultPort;
	if (bracketed) {
		host = bracketed[1];
		port = bracketed[2] ? Number(bracketed[2]) : defaultPort;
	} else if (v4) {
		host = v4[1];
		port = v4[2] ? Number(v4[2]) : defaultPort;
	} else if (net.isIPv6(trimmed)) {
		host = trimmed;
	}

	if (!host || net.isIP(host) === 0 || port < 1 || port > 65_535) {
		return undefined;
	}

	const text = port === defaultPort ? host : net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
	return {host, port, text};
}
