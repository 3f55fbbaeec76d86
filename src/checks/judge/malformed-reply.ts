/**
What is wrong with a reply that came back but is not a valid answer, in words for the operator.
A malformed reply is the answering server's fault unless there is evidence of a device on the path
(such as the reply coming from another address, judged elsewhere), so these only describe the reply.
Undefined when `errorCode` is not a malformed-reply code.
*/
export function describeMalformedDns(record: {errorCode?: string; replyBytes?: unknown}): string | undefined {
	switch (record.errorCode) {
		case 'ID_MISMATCH': {
			return 'the reply carries another transaction id than our query (a stale or forged reply, or a broken DNS server)';
		}

		case 'NOT_A_RESPONSE': {
			return 'the reply is a query, not an answer (QR bit not set): it echoed our query back — not a DNS server';
		}

		case 'TRUNCATED_MESSAGE': {
			return 'the reply is cut off: it ends in the middle of a record';
		}

		case 'TOO_MANY_RECORDS': {
			return 'the reply claims more records than any real answer has (a forged or broken header)';
		}

		case 'BAD_RDATA': {
			return 'the reply contains a record whose data does not fit its stated length';
		}

		case 'SHORT_HEADER': {
			return `the reply${typeof record.replyBytes === 'number' ? ` of ${record.replyBytes} bytes` : ''} is shorter than a DNS header (12 bytes)`;
		}

		case 'COMPRESSION_LOOP': {
			return 'the reply\'s name compression loops or points forward';
		}

		case 'BAD_LABEL':
		case 'NAME_TOO_LONG': {
			return 'the reply contains an invalid name';
		}

		case 'CLOSED_WITHOUT_REPLY': {
			return 'the server accepted the TCP connection and closed it without answering';
		}

		default: {
			return undefined;
		}
	}
}

/** The same for an SNTP reply; `mode` and `version` are the reply's own fields when it had them. */
export function describeMalformedNtp(record: {errorCode?: string; replyBytes?: unknown} & {mode?: number; version?: number}): string | undefined {
	switch (record.errorCode) {
		case 'BAD_MODE': {
			return record.mode === 3
				? 'the reply echoed our request (mode 3) — not an NTP server'
				: `the reply is NTP mode ${record.mode ?? '?'}, not a server reply (mode 4)`;
		}

		case 'SHORT_REPLY': {
			return `the reply${typeof record.replyBytes === 'number' ? ` of ${record.replyBytes} bytes` : ''} is shorter than an NTP packet (48 bytes)`;
		}

		case 'BAD_ORIGIN': {
			return 'the reply\'s origin timestamp is not our request\'s transmit time (a stale or forged reply, or a broken server)';
		}

		case 'BAD_VERSION': {
			return `the reply is NTP version ${record.version ?? '?'}, neither 3 nor 4`;
		}

		case 'ZERO_TRANSMIT': {
			return 'the reply carries no transmit time';
		}

		default: {
			return undefined;
		}
	}
}
