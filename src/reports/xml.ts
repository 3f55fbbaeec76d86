/*
XML escaping for the JUnit report. Command output and network answers can hold anything: control
characters XML 1.0 cannot carry are replaced (U+FFFD), markup characters are escaped, and line
breaks in attributes are kept as character references so parsers do not normalise them away.
*/

const invalidXmlCharacters = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content. */
export function xmlText(text: string): string {
	return text.replace(invalidXmlCharacters, '\uFFFD').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** An attribute value (to be put in double quotes). */
export function xmlAttr(text: string): string {
	return xmlText(text).replaceAll('"', '&quot;').replaceAll('\'', '&apos;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;');
}

/** `name="value"` pairs, skipping undefined values. */
export function xmlAttributes(attributes: Record<string, string | number | undefined>): string {
	return Object.entries(attributes)
		.filter((entry): entry is [string, string | number] => entry[1] !== undefined)
		.map(([name, value]) => ` ${name}="${xmlAttr(String(value))}"`)
		.join('');
}
