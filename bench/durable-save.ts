import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {embeddedRunbookPath} from '../src/install/steps-dir.js';
import {loadRunbook} from '../src/runbook/load-runbook.js';
import {openSession} from '../src/session/open-session.js';
import {quantiles, type Figure} from './stats.js';

/**
Durable save of one step transition: journal append + fsync, then the state file written to a
temporary file, fsynced and renamed. Measured on the default temp directory's file system.
*/
export function benchDurableSave(transitions = 300, runbookFile = embeddedRunbookPath()): Figure {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'azs-bench-save-'));
	try {
		const loaded = loadRunbook(runbookFile);
		const opened = openSession({loaded, stateDir: dir, name: 'bench', operator: 'bench'})!;
		const instruction = loaded.runbook.phases.flatMap(phase => phase.steps).find(step => step.kind === 'instruction')!;
		const samples: number[] = [];
		for (let index = 0; index < transitions; index++) {
			const started = performance.now();
			opened.controller.dispatch({type: 'step.acknowledged', stepId: instruction.id});
			samples.push(performance.now() - started);
		}

		opened.store.close();
		return {name: 'durable save of one transition', unit: 'ms', ...quantiles(samples)};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
