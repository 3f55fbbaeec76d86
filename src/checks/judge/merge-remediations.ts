/*
A check over many endpoints used to repeat one remediation per endpoint: thirteen lines of "Exempt
<host> (port 443) from TLS inspection for 10.193.132.29: …" on the screen, in the report and in the
request to the proxy team, where one sentence naming the thirteen hosts says the same. Remediations
that differ in one word only, a host or an address that the sentence acts on ("Exempt X", "to X",
"for X", "on X", "at X"), become that sentence with the words listed. Any other difference keeps
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

/** The sentence for texts that differ only at word `at`, or undefined when a list cannot stand there. */
function mergedAt(texts: readonly string[], at: number): string | undefined {
	const words = wordsOf(texts[0]!);
	if (!listableAfter.has(words[at - 1] ?? '') || words.slice(at + 1).some(word => referringBack.test(splitPunctuation(word).core))) {
		return undefined;
	}

	const parts = texts.map(text => splitPunctuation(wordsOf(text)[at]!));
	const [first] = parts;
	if (!first || parts.some(part => part.before !== first.before || part.after !== first.after || part.core === '')) {
		return undefined;
	}

	words[at] = `${first.before}${listWords([...new Set(parts.map(part => part.core))])}${first.after}`;
	return words.join(' ');
}

/**
Distinct remediations, those that differ in one word merged into one sentence listing those words,
in the order each first appeared. A multi-line remediation is kept as it is.
*/
export function mergeRemediations(texts: readonly string[]): string[] {
	const distinct = [...new Set(texts)];
	const merged = new Map<string, string>();
	const done = new Set<string>();
	for (const text of distinct) {
		if (done.has(text) || text.includes('\n')) {
			continue;
		}

		const words = wordsOf(text);
		// The position where the most other remediations match this one word for word elsewhere.
		let best: {at: number; group: string[]} | undefined;
		for (let at = 0; at < words.length; at++) {
			const group = distinct.filter(other => {
				if (done.has(other) || other.includes('\n')) {
					return false;
				}

				const otherWords = wordsOf(other);
				return otherWords.length === words.length && otherWords.every((word, index) => index === at || word === words[index]);
			});
			if (group.length > 1 && group.length > (best?.group.length ?? 1) && mergedAt(group, at) !== undefined) {
				best = {at, group};
			}
		}

		if (best) {
			for (const member of best.group) {
				done.add(member);
			}

			merged.set(text, mergedAt(best.group, best.at)!);
		}
	}

	return distinct.flatMap(text => {
		if (merged.has(text)) {
			return [merged.get(text)!];
		}

		return done.has(text) ? [] : [text];
	});
}
