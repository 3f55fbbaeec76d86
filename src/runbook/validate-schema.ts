import type {z} from 'zod';
import {formatPath, type StepFileProblem} from './load-errors.js';
import {didYouMean} from './suggest.js';
import type {YamlSource} from './yaml-source.js';

/** Runs a zod schema over a located YAML value and turns its issues into file:line problems. */
export function validateAgainst<Schema extends z.ZodType>(
	source: YamlSource,
	schema: Schema,
	knownKeys: readonly string[],
): {ok: true; value: z.infer<Schema>} | {ok: false; problems: StepFileProblem[]} {
	const parsed = schema.safeParse(source.value);
	if (parsed.success) {
		return {ok: true, value: parsed.data};
	}

	const problems: StepFileProblem[] = [];
	for (const issue of parsed.error.issues) {
		problems.push(...issueToProblems(source, issue, knownKeys));
	}

	return {ok: false, problems: dedupe(problems)};
}

function issueToProblems(source: YamlSource, issue: z.core.$ZodIssue, knownKeys: readonly string[]): StepFileProblem[] {
	const at = (path: ReadonlyArray<PropertyKey>, message: string, key?: string): StepFileProblem => {
		const {line, column} = source.locate(path, key);
		return {file: source.file, line, column, path: formatPath(key === undefined ? path : [...path, key]), message};
	};

	switch (issue.code) {
		case 'unrecognized_keys': {
			return issue.keys.map(key => at(issue.path, `unknown key "${key}"${didYouMean(key, knownKeys)}`, key));
		}

		case 'invalid_union': {
			const note = 'note' in issue ? issue.note : undefined;
			if (note === 'No matching discriminator') {
				const kindPath = issue.path.at(-1) === 'kind' ? issue.path : [...issue.path, 'kind'];
				return [at(kindPath, 'unknown or missing step kind: expected one of instruction, input, confirm, check, command')];
			}

			// Report the branch that got furthest: its first issue is usually the real mistake.
			const branches = issue.errors.filter(branch => branch.length > 0);
			const best = branches.sort((a, b) => a.length - b.length)[0];
			if (best) {
				return best.flatMap(inner => issueToProblems(source, {...inner, path: [...issue.path, ...inner.path]}, knownKeys));
			}

			return [at(issue.path, issue.message)];
		}

		case 'invalid_type': {
			const missing = getIn(source.value, issue.path) === undefined;
			return [at(issue.path, missing ? `missing required field (expected ${issue.expected})` : `expected ${issue.expected}`)];
		}

		default: {
			return [at(issue.path, issue.message)];
		}
	}
}

function getIn(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
	let current = value;
	for (const key of path) {
		if (current === null || typeof current !== 'object') {
			return undefined;
		}

		current = (current as Record<PropertyKey, unknown>)[key];
	}

	return current;
}

function dedupe(problems: StepFileProblem[]): StepFileProblem[] {
	const seen = new Set<string>();
	return problems.filter(problem => {
		const key = `${problem.line}:${problem.column}:${problem.path}:${problem.message}`;
		if (seen.has(key)) {
			return false;
		}

		seen.add(key);
		return true;
	});
}
