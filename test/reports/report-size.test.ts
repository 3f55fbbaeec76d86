import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CheckResult} from '../../src/checks/types.js';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {buildReport} from '../../src/reports/build-report.js';
import {redactReport} from '../../src/reports/redact.js';
import type {Report} from '../../src/reports/report-types.js';
import {renderHandover} from '../../src/reports/render-handover.js';
import {renderJunit} from '../../src/reports/render-junit.js';
import {renderMarkdown} from '../../src/reports/render-markdown.js';
import {tempDir} from '../helpers/paths.js';
import {driveFullSession, openDriven} from '../journal/drive-session.js';
import {generatedAt, schemaErrors} from './report-fixtures.js';

/*
Size and generation time of every format, printed as a table:
  npx vitest run test/reports/report-size.test.ts
The bounds asserted are loose (a slow CI machine must pass); the printed figures are the point.
*/

type Figure = {case: string; format: string; bytes: number; medianMs: number};

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(name: string, make: () => string, runs: number): {bytes: number; medianMs: number} {
	make();
	const times: number[] = [];
	let text = '';
	for (let index = 0; index < runs; index++) {
		const started = performance.now();
		text = make();
		times.push(performance.now() - started);
	}

	return {bytes: Buffer.byteLength(text), medianMs: Number(median(times).toFixed(3))};
}

function figuresFor(caseName: string, build: () => Report, runs: number): Figure[] {
	const report = build();
	const formats: Array<[string, () => string]> = [
		['build (model only)', () => JSON.stringify(build())],
		['json', () => JSON.stringify(build(), null, 2)],
		['md', () => renderMarkdown(build())],
		['junit', () => renderJunit(build())],
		['handover', () => renderHandover(build(), {resumeCommand: 'azs-runbook --session site-a'})],
		['json --redact', () => JSON.stringify(redactReport(build()), null, 2)],
	];
	expect(schemaErrors(report)).toEqual([]);
	return formats.map(([format, make]) => ({case: caseName, format, ...measure(format, make, runs)}));
}

function print(figures: Figure[]): void {
	const lines = ['case                         format               bytes   median ms', ...figures.map(figure => `${figure.case.padEnd(28)} ${figure.format.padEnd(18)} ${String(figure.bytes).padStart(8)} ${figure.medianMs.toFixed(3).padStart(10)}`)];
	console.log(lines.join('\n'));
}

/** A runbook of 10 phases × 20 check steps, about three times the embedded runbook's 75 steps. */
function largeRunbook(dir: string): string {
	const phases = Array.from({length: 10}, (_, phase) => [
		`  - id: p${phase}`, `    title: Phase ${phase}`, '    body: b', '    steps:',
		...Array.from({length: 20}, (_, step) => `      - {kind: check, id: p${phase}-s${step}, title: Check ${phase}.${step}, body: b, blocking: false, check: tcp.connect, params: {host: 127.0.0.1, port: 1}}`),
	]).flat();
	const file = path.join(dir, 'large.yaml');
	writeFileSync(file, ['id: large', 'title: Large', 'version: "1"', 'description: d', 'phases:', ...phases, ''].join('\n'));
	return file;
}

describe('report size and generation time', () => {
	it('for a session where every step of the mini runbook ran, and for a 200-check session', async () => {
		const figures: Figure[] = [];
		const miniDir = tempDir();
		const {loaded: mini} = await driveFullSession({stateDir: miniDir});
		const miniRead = readSessionReadOnly(miniDir, 'site-a', mini.runbook)!;
		figures.push(...figuresFor('mini, every step ran', () => buildReport(mini, miniRead.session, miniRead.journal, {generatedAt}), 200));

		const largeDir = tempDir();
		const {opened, loaded, clock} = openDriven({stateDir: largeDir, runbookFile: largeRunbook(tempDir())});
		for (const [index, step] of loaded.runbook.phases.flatMap(phase => phase.steps).entries()) {
			clock.advance(1000);
			const fail = index % 2 === 1;
			const result: CheckResult = {
				checkId: 'tcp.connect',
				status: fail ? 'fail' : 'pass',
				summary: fail ? `TCP login${index}.microsoftonline.com:443 timed out after 5000 ms (a drop: a firewall discards it)` : `TCP 20.190.${index % 250}.1:443 connected in 12 ms`,
				...(fail ? {remediation: `Allow outbound TCP to login${index}.microsoftonline.com (20.190.${index % 250}.1) port 443 from 10.0.0.${index % 250}.`, owner: 'firewall-team' as const} : {}),
				evidence: Array.from({length: 4}, (_, probe) => ({target: `tcp://20.190.${index % 250}.${probe}:443`, kind: 'tcp', ok: !fail, durationMs: 12, localAddress: '10.0.0.5', ...(fail ? {errorCode: 'TIMEOUT'} : {})})),
				startedAt: clock.now().toISOString(),
				durationMs: 50,
				vantage: {host: 'dvm01', localAddresses: ['10.0.0.5']},
				endpointList: 'azure-public (2022-01-10)',
			};
			opened.controller.dispatch({type: 'check.finished', stepId: step.id, result, ttlSeconds: 43_200, usedInputs: []});
		}

		opened.store.close();
		const largeRead = readSessionReadOnly(largeDir, 'site-a', loaded.runbook)!;
		figures.push(...figuresFor('200 checks, 100 failing', () => buildReport(loaded, largeRead.session, largeRead.journal, {generatedAt}), 20));
		print(figures);
		for (const figure of figures) {
			expect(figure.bytes, `${figure.case} ${figure.format}`).toBeLessThan(2_000_000);
			expect(figure.medianMs, `${figure.case} ${figure.format}`).toBeLessThan(1000);
		}
	});
});
