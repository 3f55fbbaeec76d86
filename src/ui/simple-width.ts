/*
A fast path for string-width (which Ink measures every text with), spliced into it by the bundle
(scripts/bundle.mjs, plugin `string-width-fast-path`). string-width splits every non-ASCII text into
grapheme clusters and tests each against Unicode property regexes; building the RGI-emoji one alone
costs ~30 ms, before the first frame. The screens' own non-ASCII text (✔ ✖ › — · box drawing,
arrows, braille spinner, 🔒) needs none of that: in the ranges below every code point is a cluster
of its own (no combining mark, joiner, variation selector, emoji modifier, regional indicator,
Hangul jamo, prepend or control character), and string-width gives such a cluster the East Asian
Width of its code point (an emoji-presentation code point is East Asian Wide, so the emoji rule
agrees). Any other code point falls back to string-width's full rules. test/install/string-width-
fast-path.test.ts compares the two for every code point in these ranges and for mixed texts.
*/

/** [first, last] code points, inclusive, ascending. */
const simpleRanges: ReadonlyArray<readonly [number, number]> = [
	[0x20, 0x7E], // printable ASCII
	[0xA0, 0xAC], // Latin-1 (U+00AD soft hyphen is a format character: zero width)
	[0xAE, 0x2FF], // Latin-1, Latin Extended-A/B, IPA, spacing modifier letters
	[0x2010, 0x2027], // dashes, quotes, bullets, ellipsis (U+2028–U+202F: separators and format)
	[0x2030, 0x205E], // per mille, primes, guillemets (U+205F on: spaces and format)
	[0x20A0, 0x20C0], // currency signs
	[0x2100, 0x218B], // letterlike symbols, number forms
	[0x2190, 0x2BFF], // arrows, math, technical, box drawing, blocks, shapes, symbols, dingbats, braille
	[0x1F300, 0x1F3FA], // pictographs (U+1F3FB–U+1F3FF: skin-tone modifiers join the emoji before them)
	[0x1F400, 0x1F64F], // pictographs, emoticons
	[0x1F680, 0x1F6FF], // transport and map symbols
	[0x1F900, 0x1F9FF], // supplemental symbols and pictographs
];

function isSimple(codePoint: number): boolean {
	for (const [first, last] of simpleRanges) {
		if (codePoint < first) {
			return false;
		}

		if (codePoint <= last) {
			return true;
		}
	}

	return false;
}

/**
The width of `text` when every code point is in the simple ranges (each its own cluster, as wide
as `widthOf` says), otherwise undefined: the caller applies the full rules.
*/
export function simpleTextWidth(text: string, widthOf: (codePoint: number) => number): number | undefined {
	let width = 0;
	for (const character of text) {
		const codePoint = character.codePointAt(0)!;
		if (!isSimple(codePoint)) {
			return undefined;
		}

		width += codePoint <= 0x7E ? 1 : widthOf(codePoint);
	}

	return width;
}

/** A control character other than CR: a grapheme cluster of its own in any context (UAX #29 GB4, GB5; CR LF is one cluster). */
function isLoneControl(codePoint: number): boolean {
	return (codePoint <= 0x1F && codePoint !== 0x0D) || (codePoint >= 0x7F && codePoint <= 0x9F);
}

export type Segment = {segment: string; index: number};

/**
A text's grapheme clusters when each code point is one: iterated and looked up (`containing`) as
Intl.Segmenter's segments are, without ICU.
*/
export class SingleClusterSegments implements Iterable<Segment> {
	constructor(private readonly text: string) {}

	* [Symbol.iterator](): Generator<Segment> {
		let index = 0;
		for (const character of this.text) {
			yield {segment: character, index};
			index += character.length;
		}
	}

	/** The cluster holding the code unit at `index` (its code point), or undefined outside the text. */
	containing(index: number): Segment | undefined {
		if (!Number.isInteger(index) || index < 0 || index >= this.text.length) {
			return undefined;
		}

		// The text holds no lone surrogate (singleClusterSegments refuses them): a low one follows its high one.
		const code = this.text.charCodeAt(index);
		const start = code >= 0xDC00 && code <= 0xDFFF ? index - 1 : index;
		return {segment: String.fromCodePoint(this.text.codePointAt(start)!), index: start};
	}
}

/**
The grapheme clusters of `text`, when every code point is a cluster of its own (the simple ranges,
and controls such as the escape that starts a colour code), otherwise undefined: the caller
segments with Intl.Segmenter. Spliced into @alcalzone/ansi-tokenize and slice-ansi, which Ink runs
over every line it writes and clips, so a frame of the screens' own text builds no Intl.Segmenter
(the first one in a process loads ICU's break rules: 14–21 ms before the first frame).
*/
export function singleClusterSegments(text: string): SingleClusterSegments | undefined {
	for (const character of text) {
		const codePoint = character.codePointAt(0)!;
		if (!isSimple(codePoint) && !isLoneControl(codePoint)) {
			return undefined;
		}
	}

	return new SingleClusterSegments(text);
}
