import type {HttpHead} from './parse-head.js';

/**
The body that followed a response head in `raw` (latin1 text of the whole response), at most `cap`
characters, with a chunked transfer encoding undone. Pure; never throws on a malformed body.
*/
export function bodyOf(head: HttpHead, raw: string, cap: number): {text: string; truncated: boolean} {
	const start = raw.indexOf('\r\n\r\n');
	let body = start === -1 ? '' : raw.slice(start + 4);
	if (/\bchunked\b/i.test(head.headers['transfer-encoding'] ?? '')) {
		body = unchunk(body);
	}

	const length = Number(head.headers['content-length']);
	if (Number.isInteger(length) && length >= 0) {
		body = body.slice(0, length);
	}

	return {text: body.slice(0, cap), truncated: body.length > cap};
}

/** Joins the chunks of a chunked body, stopping at the last chunk or at anything malformed. */
function unchunk(text: string): string {
	let out = '';
	let at = 0;
	// Bounded: every turn consumes at least one line of the input.
	while (at < text.length) {
		const lineEnd = text.indexOf('\r\n', at);
		if (lineEnd === -1) {
			break;
		}

		const size = Number.parseInt(text.slice(at, lineEnd).split(';')[0]!.trim(), 16);
		if (!Number.isInteger(size) || size <= 0) {
			break;
		}

		out += text.slice(lineEnd + 2, lineEnd + 2 + size);
		at = lineEnd + 2 + size + 2;
	}

	return out;
}
