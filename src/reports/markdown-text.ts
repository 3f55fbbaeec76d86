/*
Markdown escaping. Report text comes from the network (DNS answers, certificate names, command
output): it must render as text, never as links, emphasis or raw HTML.
*/

/** Inline text: Markdown punctuation and HTML are escaped, line breaks become spaces. */
export function mdText(text: string): string {
	return text
		.replaceAll(/\r?\n/g, ' ')
		.replaceAll(/[\\`*_[\]<>|#!~]/g, character => `\\${character}`)
		.replaceAll('&', '&amp;');
}

/** An identifier in a code span, whatever backticks it contains. */
export function mdCode(text: string): string {
	const flat = text.replaceAll(/\r?\n/g, ' ');
	const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map(match => match[0].length));
	const fence = '`'.repeat(longest + 1);
	const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block for multi-line output, with a fence longer than any run of backticks inside. */
export function mdBlock(text: string): string {
	const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(match => match[0].length));
	const fence = '`'.repeat(longest + 1);
	return `${fence}text\n${text.replace(/\n$/, '')}\n${fence}`;
}
