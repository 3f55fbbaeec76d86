import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {quantiles, type Figure} from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliPath = path.join(root, 'dist', 'azs-runbook.mjs');

function wallMs(args: string[]): number {
	const started = performance.now();
	const result = spawnSync(process.execPath, args, {stdio: 'ignore'});
	if (result.status !== 0) {
		throw new Error(`${args.join(' ')} exited ${result.status}`);
	}

	return performance.now() - started;
}

/**
`azs-runbook --help` against bare `node -e ''`, interleaved run by run so machine noise hits both.
*/
export function benchHelp(runs = 30): Figure[] {
	const bare: number[] = [];
	const help: number[] = [];
	for (let run = 0; run < runs; run++) {
		bare.push(wallMs(['-e', '']));
		help.push(wallMs([cliPath, '--help']));
	}

	const bareFigure = {name: "bare node -e ''", unit: 'ms', ...quantiles(bare)};
	const helpFigure = {name: 'azs-runbook --help', unit: 'ms', ...quantiles(help)};
	return [bareFigure, {...helpFigure, note: `ratio to bare node (median): ${(helpFigure.p50 / bareFigure.p50).toFixed(2)}`}];
}
