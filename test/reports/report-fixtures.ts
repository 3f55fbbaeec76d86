import {readFileSync} from 'node:fs';
import path from 'node:path';
import {Ajv} from 'ajv';
import {SaxesParser} from 'saxes';
import type {Session} from '../../src/engine/state.js';
import {readSessionReadOnly} from '../../src/journal/read-session.js';
import {buildReport} from '../../src/reports/build-report.js';
import type {Report} from '../../src/reports/report-types.js';
import {repoRoot} from '../helpers/paths.js';
import {driveFullSession, type DriveOptions} from '../journal/drive-session.js';

export const generatedAt = '2026-01-05T12:00:00.000Z';

/**
Replaces what a real run makes different every time (measured start times, durations, the host
name) with fixed values, so rendered reports can be compared with golden files. Everything else,
including every time stamped by the engine's clock, stays as the engine recorded it.
*/
export function normaliseSession(session: Session): Session {
	const steps = Object.fromEntries(Object.entries(session.steps).map(([stepId, record]) => {
		const result = record.result && {
			...record.result,
			startedAt: record.failingSince ?? record.updatedAt,
			durationMs: 2,
			vantage: {...record.result.vantage, host: 'test-host'},
			evidence: record.result.evidence.map(probe => ({...probe, durationMs: 2})),
		};
		const command = record.command && {...record.command, startedAt: record.updatedAt, durationMs: 40, host: 'test-host'};
		return [stepId, {...record, ...(result ? {result} : {}), ...(command ? {command} : {})}];
	}));
	return {...session, steps};
}

/** The report of a session where every step of the mini runbook ran, normalised for golden files. */
export async function fullSessionReport(options: Omit<DriveOptions, 'keepOpen'>): Promise<Report> {
	const {loaded} = await driveFullSession(options);
	const read = readSessionReadOnly(options.stateDir, options.name ?? 'site-a', loaded.runbook)!;
	const report = buildReport(loaded, normaliseSession(read.session), read.journal, {generatedAt, version: '0.0.0-test'});
	// The hash chain covers measured times, so it differs on every run.
	return {...report, journal: {...report.journal, lastHash: '0'.repeat(64)}};
}

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas', 'report.schema.json'), 'utf8')) as object;
const validate = new Ajv({allErrors: true}).compile(schema);

/** Validates a report (as written by `report --format json`) against the published JSON Schema. */
export function schemaErrors(report: unknown): string[] {
	const parsed: unknown = JSON.parse(JSON.stringify(report));
	return validate(parsed) ? [] : (validate.errors ?? []).map(error => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

export type XmlNode = {name: string; attributes: Record<string, string>; children: XmlNode[]; text: string};

/** Parses XML with a conforming parser (saxes throws on anything not well formed) into a small tree. */
export function parseXml(text: string): XmlNode {
	const parser = new SaxesParser();
	const root: XmlNode = {name: '#document', attributes: {}, children: [], text: ''};
	const stack = [root];
	parser.on('opentag', tag => {
		const node: XmlNode = {name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: ''};
		stack.at(-1)!.children.push(node);
		stack.push(node);
	});
	parser.on('text', text => {
		stack.at(-1)!.text += text;
	});
	parser.on('closetag', () => {
		stack.pop();
	});
	parser.write(text).close();
	return root.children[0]!;
}

/** Every descendant element with the given name. */
export function elements(node: XmlNode, name: string): XmlNode[] {
	return node.children.flatMap(child => [...(child.name === name ? [child] : []), ...elements(child, name)]);
}
