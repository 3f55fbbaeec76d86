/** Parses a dotted-quad IPv4 address (no leading zeros, which some tools read as octal). */
export function parseIpv4(text: string): number | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) {
		return undefined;
	}

	let value = 0;
	for (const part of parts) {
		if (!/^(?:0|[1-9]\d{0,2})$/.test(part)) {
			return undefined;
		}

		const octet = Number(part);
		if (octet > 255) {
			return undefined;
		}

		value = (value * 256) + octet;
	}

	return value;
}

export function formatIpv4(value: number): string {
	return [24, 16, 8, 0].map(shift => Math.floor(value / 2 ** shift) % 256).join('.');
}

export type Cidr = {network: number; prefix: number; text: string};

/** Parses `a.b.c.d/n`; refuses host bits set, since a worksheet network must be a network address. */
export function parseCidr(text: string): {ok: true; cidr: Cidr} | {ok: false; reason: string} {
	const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
	if (!match) {
		return {ok: false, reason: `"${text}" is not a network in CIDR form (e.g. 10.0.0.0/26)`};
	}

	const address = parseIpv4(match[1]!);
	const prefix = Number(match[2]);
	if (address === undefined) {
		return {ok: false, reason: `"${match[1]}" is not an IPv4 address`};
	}

	if (prefix > 32) {
		return {ok: false, reason: `/${prefix} is not a valid prefix length (0–32)`};
	}

	const size = 2 ** (32 - prefix);
	const network = address - (address % size);
	if (network !== address) {
		return {ok: false, reason: `"${text}" has host bits set; the network address is ${formatIpv4(network)}/${prefix}`};
	}

	return {ok: true, cidr: {network, prefix, text}};
}

/** Whether two networks share any address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
	const aEnd = a.network + (2 ** (32 - a.prefix));
	const bEnd = b.network + (2 ** (32 - b.prefix));
	return a.network < bEnd && b.network < aEnd;
}

/** Whether an address lies inside a network. */
export function cidrContains(cidr: Cidr, address: number): boolean {
	return address >= cidr.network && address < cidr.network + (2 ** (32 - cidr.prefix));
}
