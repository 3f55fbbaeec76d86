import {writeFileSync} from 'node:fs';
import {readInputText, type InputFileError} from '../../files/read-input-file.js';
import path from 'node:path';
import type {SessionController} from '../../engine/controller.js';
import {mapLimit} from '../../engine/map-limit.js';
import {localIpv4Addresses} from '../../engine/local-vantage.js';
import {requiredVantage, vantageOfAddresses} from '../../engine/place.js';
import {runCheckStep} from '../../engine/run-check-step.js';
import type {CheckStep, VantageName} from '../../runbook/schema.js';
import {parseJob, maxJobBytes} from '../../exchange/collect-job.js';
import {applyImport} from '../../exchange/apply-import.js';
import {exportResults} from '../../exchange/export-results.js';
import {parseBundle, maxBundleBytes} from '../../exchange/results-bundle.js';
import {runCollectJob} from '../../exchange/run-collect-job.js';
import {embeddedRunbookPath} from '../../install/steps-dir.js';
import {loadRunbook} from '../../runbook/load-runbook.js';
import {UsageError} from '../args.js';
import {runOptionsFrom, type CliContext} from '../context.js';
import {withInterrupt} from '../with-interrupt.js';
import {printImport} from './print-import.js';
import {withSession} from './with-session.js';

/** `results export|import|run-job`: results carried between hosts on a file, or run for `collect`. */
export async function resultsCommand(context: CliContext): Promise<number> {
	const [action, file, ...extra] = context.args.positionals;
	if (extra.length > 0) {
		throw new UsageError(`results ${action ?? ''}: unexpected argument "${extra[0]}"`);
	}

	switch (action) {
		case 'export': {
			return exportCommand(context);
		}

		case 'import': {
			if (!file) {
				throw new UsageError('results import FILE: say which results file to import');
			}

			return importCommand(context, file);
		}

		case 'run-job': {
			return runJobCommand(context);
		}

		default: {
			throw new UsageError('results: use "results export --out FILE", "results import FILE" (run-job is what collect starts on a remote host)');
		}
	}
}

async function exportCommand(context: CliContext): Promise<number> {
	const out = context.args.out;
	if (!out) {
		throw new UsageError('results export: say where to write the results with --out FILE');
	}

	const steps = context.args.steps?.split(',').map(item => item.trim()).filter(Boolean);
	return withSession(context, async controller => {
		let vantage = context.args.vantage;
		if (context.args.run) {
			const measured = await measureHere(context, controller, steps);
			if (!measured) {
				context.out('stopped: nothing exported; run it again');
				return 130;
			}

			vantage = measured;
		}

		const outcome = exportResults(controller.loaded, controller.session, {steps, phaseId: context.args.phase, vantage, operator: context.operator});
		if (!outcome.ok) {
			throw new UsageError(outcome.reason);
		}

		try {
			writeFileSync(out, `${JSON.stringify(outcome.bundle, null, 2)}\n`, {mode: 0o600});
		} catch (error) {
			throw new UsageError(`${out}: cannot write it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
		}

		context.out(`exported ${outcome.bundle.results.length} result(s) measured from ${outcome.bundle.vantage} (${outcome.bundle.host.name}) to ${out}`);
		for (const skipped of outcome.skipped) {
			context.out(`  · ${skipped.stepId} not exported: ${skipped.reason}`);
		}

		context.out(`carry it to the session's host and run: azs-runbook results import ${path.basename(out)}`);
		return 0;
	});
}

/** A results file through the shared reader: regular files only, never more than `limit` bytes read. */
function readBounded(file: string, limit: number): string {
	try {
		return readInputText(file, limit, 'it');
	} catch (error) {
		throw new UsageError(`${file}: ${(error as InputFileError).message}`);
	}
}

/**
`results export --run`: measures this host's steps now, before exporting. Gates are not applied: on
the HLH the DVM's phases can never pass, and the owning session on the DVM decides what counts.
*/
async function measureHere(context: CliContext, controller: SessionController, steps: string[] | undefined): Promise<VantageName | undefined> {
	const {runbook} = controller.loaded;
	const vantage = (context.args.vantage ?? vantageOfAddresses(runbook, controller.session, localIpv4Addresses())) as VantageName | undefined;
	if (!vantage) {
		throw new UsageError('results export --run: this host\'s addresses match no vantage input of the session; say where this is with --vantage dvm|hlh|workstation|public-vip');
	}

	const selected = runbook.phases
		.filter(phase => !context.args.phase || phase.id === context.args.phase)
		.flatMap(phase => phase.steps)
		.filter((step): step is CheckStep => step.kind === 'check' && (!steps || steps.includes(step.id)) && requiredVantage(runbook, step.id) === vantage);
	if (selected.length === 0) {
		throw new UsageError(`results export --run: no check step runs from ${vantage}${context.args.phase ? ` in ${context.args.phase}` : ''}`);
	}

	context.err(`running ${selected.length} ${vantage} step(s) here…`);
	return withInterrupt(async signal => {
		const options = runOptionsFrom(context, signal);
		await mapLimit(selected, options.concurrency, async step => runCheckStep(controller, step, options));
		return signal.aborted ? undefined : vantage;
	});
}

async function importCommand(context: CliContext, file: string): Promise<number> {
	const parsed = parseBundle(readBounded(file, maxBundleBytes));
	if (!parsed.ok) {
		throw new UsageError(`${file}: refused: ${parsed.reason}`);
	}

	return withSession(context, controller => {
		const outcome = applyImport(controller, parsed.bundle, {via: 'file', source: path.basename(file)});
		printImport(context, `${file} (${parsed.bundle.vantage}, ${parsed.bundle.host.name})`, outcome);
		if (outcome.refusedAll) {
			return 2;
		}

		return outcome.refused.length > 0 ? 1 : 0;
	});
}

async function readStdin(limit: number): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of process.stdin) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > limit) {
			throw new UsageError('results run-job: the job on standard input is too large');
		}

		chunks.push(buffer);
	}

	return Buffer.concat(chunks).toString('utf8');
}

/** The remote half of `collect`: a job on standard input, a results bundle on standard output. */
async function runJobCommand(context: CliContext): Promise<number> {
	const parsed = parseJob(await readStdin(maxJobBytes));
	if (!parsed.ok) {
		throw new UsageError(`results run-job: ${parsed.reason}`);
	}

	const file = context.args.runbook ? path.resolve(context.args.runbook) : embeddedRunbookPath();
	const loaded = loadRunbook(file, context.args.runbook ?? path.join('steps', path.basename(file)));
	return withInterrupt(async signal => {
		const {job} = parsed;
		const options = runOptionsFrom(context, signal);
		const outcome = await runCollectJob(loaded, job, {
			...options,
			timeoutMs: job.timeoutMs,
			extraCaPem: [...options.extraCaPem, ...job.extraCaPem],
			...(job.dnsServers ? {dnsServersOverride: job.dnsServers} : {}),
		});
		if (!outcome.ok) {
			context.err(`azs-runbook: ${outcome.reason}`);
			return signal.aborted ? 130 : 2;
		}

		// JSON only: the collecting host parses it. escapeControls keeps JSON valid (same value).
		context.out(JSON.stringify(outcome.bundle));
		return 0;
	});
}
