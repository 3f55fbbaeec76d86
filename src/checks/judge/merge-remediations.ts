/*
A check over many endpoints used to repeat one remediation per endpoint: thirteen lines of "Exempt
<host> (port 443) from TLS inspection for 10.193.132.29: …" on the screen, in the report and in the
request to the proxy team, where one sentence naming the thirteen hosts says the same. Remediations
that differ only in a host or an address that the sentence acts on ("Exempt X", "to X", "for X",
"on X", "at X"; one word, or a name with its address: "to X (1.2.3.4)") become that sentence with
them listed. Any other difference keeps
them apart, and so does a sentence that refers back to the word ("Fix upstream resolution on X: its
own forwarders …", "Check that X is …; if it is not …"): a list there would not read. Pure: text
in, text out.
*/

/** Words after which a host or an address is what the sentence acts on: a list there reads. */
const listableAfter = new Set(['Exempt', 'to', 'for', 'on', 'at']);

/** The words of a sentence, split on single spaces (the judges write single-spaced sentences). */
const wordsOf = (text: string): string[] => text.split(' ');

/** A word's punctuation kept outside the list: "(login.example," → "(", "login.example", ",". */
function splitPunctuation(word: string): {before: string; core: string; after: string} {
	const match = /^([("'[]*)(.*?)([)"'\].,;:!?]*)$/s.exec(word)!;
	return {before: match[1]!, core: match[2]!, after: match[3]!};
}

/** "a", "a and b", "a, b and c". */
export function listWords(words: readonly string[]): string {
	return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}

/** A later word that refers back to one thing ("its own forwarders", "it answers"): a list would not read. */
const referringBack = /^(?:it|its|it's|itself)$/i;

/** A name's address beside it, "(198.18.34.102)" or "(198.18.34.102).": listed with the name. */
const parenthesised = /^\([^()\s]+\)[.,;:]*$/;

/**
The item a text holds at words [at, at + span), its punctuation apart: one word ("(a.example," →
"(", "a.example", ","), or a name and its address ("a.example (1.2.3.4)." → "", "a.example
(1.2.3.4)", ".").
*/
function itemAt(words: readonly string[], at: number, span: 1 | 2): {before: string; core: string; after: string} | undefined {
	if (span === 1) {
		return splitPunctuation(words[at]!);
	}

	const [name, address] = [words[at]!, words[at + 1]!];
	if (!parenthesised.test(address) || /[()]/.test(name)) {
		return undefined;
	}

	const after = /[.,;:]*$/.exec(address)![0];
	return {before: '', core: `${name} ${address.slice(0, address.length - after.length)}`, after};
}

/** The sentence for texts that differ only in words [at, at + span), or undefined when a list cannot stand there. */
function mergedAt(texts: readonly string[], at: number, span: 1 | 2): string | undefined {
	const words = wordsOf(texts[0]!);
	if (!listableAfter.has(words[at - 1] ?? '') || words.slice(at + span).some(word => referringBack.test(splitPunctuation(word).core))) {
		return undefined;
	}

	const parts = texts.map(text => itemAt(wordsOf(text), at, span));
	const [first] = parts;
	if (!first || parts.some(part => !part || part.before !== first.before || part.after !== first.after || part.core === '')) {
		return undefined;
	}

	words.splice(at, span, `${first.before}${listWords([...new Set(parts.map(part => part!.core))])}${first.after}`);
	return words.join(' ');
}

/**
Distinct remediations, those that differ in one host or address (a word, or a name with its
address in parentheses) merged into one sentence listing them, in the order each first appeared. A
multi-line remediation is kept as it is.
*/
export function mergeRemediations(texts: readonly string[]): string[] {
	const distinct = [...new Set(texts)];
	const merged = new Map<string, string>();
	const done = new Set<string>();
	const open = (text: string) => !done.has(text) && !text.includes('\n');
	for (const text of distinct) {
		if (!open(text)) {
			continue;
		}

		const words = wordsOf(text);
		// Where the most other remediations match this one word for word elsewhere; one word before two.
		let best: {sentence: string; group: string[]} | undefined;
		for (const span of [1, 2] as const) {
			for (let at = 0; at + span <= words.length; at++) {
				const group = distinct.filter(other => {
					const otherWords = wordsOf(other);
					return open(other) && otherWords.length === words.length && otherWords.every((word, index) => (index >= at && index < at + span) || word === words[index]);
				});
				const sentence = group.length > (best?.group.length ?? 1) ? mergedAt(group, at, span) : undefined;
				if (sentence !== undefined) {
					best = {sentence, group};
				}
			}
		}

		if (best) {
			for (const member of best.group) {
				done.add(member);
			}

			merged.set(text, best.sentence);
		}
	}

	return distinct.flatMap(text => {
		if (merged.has(text)) {
			return [merged.get(text)!];
		}

		return done.has(text) ? [] : [text];
	});
}
