import {isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document} from 'yaml';
import type {StepFileProblem} from './load-errors.js';

/** A parsed YAML file that can say where any path in it is. */
export type YamlSource = {
	file: string;
	value: unknown;
	/** Line and column of the node at `path`, or of its nearest existing ancestor. With `key`, of that key in the map. */
	locate: (path: ReadonlyArray<PropertyKey>, key?: string) => {line: number; column: number};
};

type Parsed = {ok: true; source: YamlSource} | {ok: false; problems: StepFileProblem[]};

/** Parses YAML keeping positions. Syntax errors and duplicate keys come back as located problems. */
export function parseYamlSource(file: string, text: string): Parsed {
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true});
	const problems: StepFileProblem[] = [...document.errors, ...document.warnings].map(error => {
		const position = lineCounter.linePos(error.pos[0]);
		return {
			file,
			line: position.line,
			column: position.col,
			path: '',
			message: `YAML ${error.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'syntax error'}: ${firstLine(error.message)}`,
		};
	});
	if (problems.length > 0) {
		return {ok: false, problems};
	}

	let value: unknown;
	try {
		value = document.toJS({maxAliasCount: 100});
	} catch (error) {
		// Aliases are resolved only here (an alias before its anchor, or an alias bomb).
		const message = (error as Error).message;
		const alias = /: (\S+)$/.exec(message)?.[1];
		const offset = alias ? Math.max(0, text.indexOf(`*${alias}`)) : 0;
		const position = lineCounter.linePos(offset);
		return {ok: false, problems: [{file, line: position.line, column: position.col, path: '', message: `YAML alias error: ${firstLine(message)}`}]};
	}

	if (value === null || value === undefined) {
		return {ok: false, problems: [{file, line: 1, column: 1, path: '', message: 'the file is empty'}]};
	}

	const locate = (path: ReadonlyArray<PropertyKey>, key?: string) => {
		const offset = offsetOf(document, path, key);
		const position = lineCounter.linePos(offset);
		return {line: position.line, column: position.col};
	};

	return {ok: true, source: {file, value, locate}};
}

function firstLine(message: string): string {
	return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function offsetOf(document: Document, path: ReadonlyArray<PropertyKey>, key?: string): number {
	const keys = path.filter((part): part is string | number => typeof part !== 'symbol');
	for (let length = keys.length; length >= 0; length--) {
		const node: unknown = document.getIn(keys.slice(0, length), true);
		if (!isNode(node)) {
			continue;
		}

		if (key !== undefined && length === keys.length && isMap(node)) {
			const pair = node.items.find(item => isPair(item) && isScalar(item.key) && item.key.value === key);
			if (pair && isScalar(pair.key) && pair.key.range) {
				return pair.key.range[0];
			}
		}

		if (length < keys.length) {
			// The path ends in a missing key: point at the key of the parent pair when the parent is a map.
			const missing = keys[length];
			if (isMap(node) && typeof missing === 'string') {
				const pair = node.items.find(item => isPair(item) && isScalar(item.key) && item.key.value === missing);
				if (pair && isScalar(pair.key) && pair.key.range) {
					return pair.key.range[0];
				}
			}
		}

		if (node.range) {
			return node.range[0];
		}
	}

	return 0;
}
