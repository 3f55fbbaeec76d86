/** One problem in a step file, located precisely enough to jump to it in an editor. */
export type StepFileProblem = {
	file: string;
	line: number;
	column: number;
	/** Path in the document, e.g. `phases[3].steps[1].check`. */
	path: string;
	message: string;
};

/** Formats a problem as `file:line:col: path: message`, the form editors and CI logs link to. */
export function formatProblem(problem: StepFileProblem): string {
	const where = `${problem.file}:${problem.line}:${problem.column}`;
	return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** Raised when a step file (or a file it references) is not a valid runbook. */
export class StepFileError extends Error {
	override name = 'StepFileError';
	readonly problems: StepFileProblem[];

	constructor(problems: StepFileProblem[]) {
		const sorted = sortProblems(problems);
		super(sorted.map(problem => formatProblem(problem)).join('\n'));
		this.problems = sorted;
	}
}

/**
Orders problems the way an editor lists them: by file (in the order files first appear, so the
runbook and each endpoint list stay together), then by line and column. The sort is stable, so
problems at the same place keep the order the validators found them in.
*/
export function sortProblems(problems: readonly StepFileProblem[]): StepFileProblem[] {
	const fileOrder = new Map<string, number>();
	for (const problem of problems) {
		if (!fileOrder.has(problem.file)) {
			fileOrder.set(problem.file, fileOrder.size);
		}
	}

	return [...problems].sort((a, b) =>
		fileOrder.get(a.file)! - fileOrder.get(b.file)! || a.line - b.line || a.column - b.column);
}

/** `phases[3].steps[1].check` from `['phases', 3, 'steps', 1, 'check']`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') {
			out += `[${key}]`;
		} else {
			out += out ? `.${String(key)}` : String(key);
		}
	}

	return out;
}
