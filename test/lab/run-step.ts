/*
Runs one check step of the embedded runbook through the engine, from inside a lab namespace:
`ip netns exec <ns> node --import tsx test/lab/run-step.ts` with a JSON job on stdin. The session
lives in a state directory, so runs from several namespaces build one session in turn (each run
opens, locks, records and closes it). Prints the step's record as one JSON line.
*/
import fs from 'node:fs';
import {runCheckStep} from '../../src/engine/run-check-step.js';
import {locateStep} from '../../src/engine/runbook-index.js';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {openSession} from '../../src/session/open-session.js';

export type StepJob = {stateDir: string; session: string; stepId: string; inputs: Record<string, string | string[]>; timeoutMs: number};

const job = JSON.parse(fs.readFileSync(0, 'utf8')) as StepJob;
const loaded = loadRunbook(embeddedRunbookPath());
const opened = openSession({loaded, stateDir: job.stateDir, name: job.session, operator: 'lab'})!;
const {controller} = opened;
for (const [name, value] of Object.entries(job.inputs)) {
	if (JSON.stringify(controller.session.inputs[name]?.value) !== JSON.stringify(value)) {
		controller.dispatch({type: 'input.set', name, value});
	}
}

const step = locateStep(loaded.runbook, job.stepId)!.step;
if (step.kind !== 'check') {
	throw new Error(`${job.stepId} is not a check step`);
}

await runCheckStep(controller, step, {signal: new AbortController().signal, timeoutMs: job.timeoutMs, concurrency: 4, extraCaPem: []});
const record = controller.session.steps[job.stepId];
opened.store.close();
process.stdout.write(`${JSON.stringify(record)}\n`, () => process.exit(0));
