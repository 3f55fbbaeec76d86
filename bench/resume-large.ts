import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {loadRunbook} from '../src/runbook/load-runbook.js';
import {openSession} from '../src/session/open-session.js';
import {quantiles, type Figure} from './stats.js';

/** Load and resume of a session with 1,000 steps, each done, and its 1,000-entry journal. */
export function benchResumeLarge(stepCount = 1000, runs = 15): Figure {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'azs-bench-resume-'));
	try {
		const file = path.join(dir, 'large.yaml');
		const steps = Array.from({length: stepCount}, (_, index) => `      - {kind: instruction, id: s${index}, title: Step ${index}, body: Do step ${index}.}`);
		writeFileSync(file, ['id: large', 'title: Large', 'version: "1"', 'description: d', 'phases:', '  - id: p', '    title: P', '    body: b', '    steps:', ...steps, ''].join('\n'));
		const loaded = loadRunbook(file);
		const stateDir = path.join(dir, 'state');
		const first = openSession({loaded, stateDir, name: 'large', operator: 'bench'})!;
		for (let index = 0; index < stepCount; index++) {
			first.controller.dispatch({type: 'step.acknowledged', stepId: `s${index}`});
		}

		first.store.close();
		const samples: number[] = [];
		for (let run = 0; run < runs; run++) {
			const started = performance.now();
			const opened = openSession({loaded, stateDir, name: 'large', operator: 'bench', create: false})!;
			samples.push(performance.now() - started);
			opened.store.close();
		}

		return {name: `resume a ${stepCount}-step session (state + journal verify)`, unit: 'ms', ...quantiles(samples)};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
