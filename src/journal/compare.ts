/** The first path (list of keys) at which two JSON values differ, or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, path: string[] = []): string[] | undefined {
	if (a === b) {
		return undefined;
	}

	const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object';
	if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) {
		return path;
	}

	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
	for (const key of keys) {
		const inner = firstDifference(left[key], right[key], [...path, key]);
		if (inner !== undefined) {
			return inner;
		}
	}

	return undefined;
}

/** `steps["dns.forwarder"].state`: a path for messages; keys with dots stay readable. */
export function formatPath(path: readonly string[]): string {
	if (path.length === 0) {
		return '(the whole state)';
	}

	return path.map((key, index) => (/^[\w-]+$/.test(key) ? `${index === 0 ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`)).join('');
}

/** Reads a path out of a JSON value, for messages. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
	let current = value;
	for (const key of path) {
		if (current === null || typeof current !== 'object') {
			return undefined;
		}

		current = (current as Record<string, unknown>)[key];
	}

	return current;
}

/** A value as it is once saved: JSON drops undefined fields, which the reducer leaves in place. */
export function asSaved<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
