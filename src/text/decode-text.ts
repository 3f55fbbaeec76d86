/*
Text files written on Windows: Notepad and PowerShell 7 may start UTF-8 with a byte-order mark,
and Windows PowerShell 5.1 writes UTF-16 LE with a BOM for `>` and Out-File. A BOM decides the
encoding; without one the bytes are UTF-8.
*/
export function decodeText(bytes: Buffer): string {
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return bytes.subarray(3).toString('utf8');
	}

	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		return bytes.subarray(2).toString('utf16le');
	}

	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		// Big-endian: swap each pair into little-endian (an odd last byte is dropped, as a decoder would).
		const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
		return body.swap16().toString('utf16le');
	}

	return bytes.toString('utf8');
}
