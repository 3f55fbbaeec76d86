/** DNS record types the checks ask for or decode by name. */
export const recordTypes = {A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, TXT: 16, AAAA: 28} as const;
export type RecordTypeName = keyof typeof recordTypes;

/** Response codes (RFC 1035 §4.1.1), by number. */
export const rcodeNames: Readonly<Record<number, string>> = {
	0: 'NOERROR',
	1: 'FORMERR',
	2: 'SERVFAIL',
	3: 'NXDOMAIN',
	4: 'NOTIMP',
	5: 'REFUSED',
};

/** The name of a response code, or `RCODE<n>` for the rare ones. */
export function rcodeName(rcode: number): string {
	return rcodeNames[rcode] ?? `RCODE${rcode}`;
}

/** The name of a record type, or `TYPE<n>` (RFC 3597 style). */
export function typeName(type: number): string {
	const entry = Object.entries(recordTypes).find(([, value]) => value === type);
	return entry ? entry[0] : `TYPE${type}`;
}

/** Largest UDP reply a server may send to a query without EDNS (RFC 1035 §4.2.1). */
export const maxUdpReplyBytes = 512;

/** Largest DNS message at all: the TCP length prefix is 16 bits. */
export const maxMessageBytes = 65_535;
