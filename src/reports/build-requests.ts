import type {FixOwner} from '../checks/types.js';
import {findingsOf, type Finding, type Observed, type RuleAction} from './findings.js';
import {ownerLabels} from './owners.js';
import type {Report} from './report-types.js';
import {siteValuesOf, type SiteValues} from './source-range.js';

/*
Change requests: one per team that must act, ready to paste into a ticket. Built from the report's
findings (findings.ts), so each failing finding is in exactly one request; rules that cover several
findings (the same source, destination, protocol and port seen by two checks) are merged into one.
JSON Schema: schemas/requests.schema.json; bump requestsVersion when a field changes meaning.
*/

export const requestsVersion = 1;

export type RequestRule = {
	/** `R1`, `R2`, … within one request. */
	id: string;
	action: RuleAction;
	source: {range: string; label: string};
	destination: {names: string[]; address?: string};
	protocol: 'TCP' | 'UDP';
	port: number;
	observed: Observed[];
	stepIds: string[];
	findingIds: string[];
	/** Every finding behind the rule was overridden: the deployment went on without it, the rule is still needed. */
	waived: boolean;
};

export type RequestFinding = Omit<Finding, 'evidence' | 'owner'> & {
	/** The rule that fixes it, when one does. */
	ruleId?: string;
	evidence: Array<{target: string; kind: string; attempts: number; outcome: string}>;
};

export type RequestOverride = {stepId: string; title: string; by: string; at: string; reason: string; waived: string[]};

export type ChangeRequest = {
	owner: FixOwner;
	ownerLabel: string;
	subject: string;
	rules: RequestRule[];
	findings: RequestFinding[];
	/** Overrides in force that waived this team's findings: the deployment went on without them; the findings (and rules) stand. */
	overrides: RequestOverride[];
};

export type Requests = {
	requestsVersion: typeof requestsVersion;
	generatedAt: string;
	generator: Report['generator'];
	training: Report['training'];
	redacted: boolean;
	session: {name: string; createdAt: string; updatedAt: string};
	/** The journal head the requests were made from: `journal verify --head ENTRIES:HASH` proves the record still holds it. */
	journal?: {entries: number; head: string};
	runbook: {id: string; version: string; hash: string};
	/** When the checks behind the findings ran: first and last start time. */
	measured?: {first: string; last: string};
	siteValues: SiteValues;
	/** Every override in force in the session, whoever's it is. */
	overridesInForce: number;
	requests: ChangeRequest[];
};

export const requestOwners = Object.keys(ownerLabels) as FixOwner[];

function ruleKey(finding: Finding): string | undefined {
	if (!finding.rule || !finding.source) {
		return undefined;
	}

	// Names first: the identity endpoints' addresses change, and firewalls are asked to filter by name.
	const destination = finding.destination.name ?? finding.destination.address ?? '';
	return [finding.rule.action, finding.source.range, finding.rule.protocol, finding.rule.port, destination].join('|');
}

function requestFinding(finding: Finding, ruleId: string | undefined): RequestFinding {
	const {evidence, owner: _owner, ...rest} = finding;
	return {
		...rest,
		...(ruleId ? {ruleId} : {}),
		evidence: evidence.map(row => ({target: row.target, kind: row.kind, attempts: row.attempts, outcome: row.outcome})),
	};
}

function subjectOf(owner: FixOwner, rules: number, findings: number, session: string): string {
	if (findings === 0) {
		return `Azure Stack Hub deployment ${session}: nothing for the ${ownerLabels[owner]} to change`;
	}

	const what = rules > 0 ? `${rules} rule${rules === 1 ? '' : 's'}` : `${findings} finding${findings === 1 ? '' : 's'}`;
	return `Azure Stack Hub deployment ${session}: ${what} for the ${ownerLabels[owner]}`;
}

function requestFor(owner: FixOwner, findings: readonly Finding[], report: Report): ChangeRequest {
	const mine = findings.filter(finding => finding.owner === owner);
	const rules = new Map<string, RequestRule>();
	const ruleOf = new Map<string, string>();
	for (const finding of mine) {
		const key = ruleKey(finding);
		if (!key || !finding.rule || !finding.source) {
			continue;
		}

		let rule = rules.get(key);
		if (!rule) {
			rule = {
				id: `R${rules.size + 1}`,
				action: finding.rule.action,
				source: {range: finding.source.range, label: finding.source.label},
				destination: {names: [], ...(finding.destination.address ? {address: finding.destination.address} : {})},
				protocol: finding.rule.protocol,
				port: finding.rule.port,
				observed: [],
				stepIds: [],
				findingIds: [],
				waived: true,
			};
			rules.set(key, rule);
		}

		const add = <T>(items: T[], item: T | undefined) => {
			if (item !== undefined && !items.includes(item)) {
				items.push(item);
			}
		};

		add(rule.destination.names, finding.destination.name);
		add(rule.observed, finding.observed);
		add(rule.stepIds, finding.stepId);
		rule.findingIds.push(finding.id);
		rule.waived &&= finding.waived;
		ruleOf.set(finding.id, rule.id);
	}

	const overrides = report.overrides.flatMap(override => {
		const waived = mine.filter(finding => finding.waived && finding.stepId === override.stepId);
		const what = waived.map(finding => (ruleOf.has(finding.id) ? `rule ${ruleOf.get(finding.id)!} (${finding.layer})` : finding.remediation ?? finding.summary));
		return waived.length === 0 ? [] : [{stepId: override.stepId, title: override.title, by: override.by, at: override.at, reason: override.reason, waived: [...new Set(what)]}];
	});
	return {
		owner,
		ownerLabel: ownerLabels[owner],
		subject: subjectOf(owner, rules.size, mine.length, report.session.name),
		rules: [...rules.values()],
		findings: mine.map(finding => requestFinding(finding, ruleOf.get(finding.id))),
		overrides,
	};
}

/**
The change requests of a report: one per owner that has a finding or a waived finding, in the
owners' order (or just `owner`'s, even when empty, so `--owner` always prints a request). Pure.
*/
export function buildRequests(report: Report, options: {owner?: FixOwner} = {}): Requests {
	const findings = findingsOf(report);
	const owners = options.owner ? [options.owner] : requestOwners.filter(owner => findings.some(finding => finding.owner === owner));
	const times = findings.flatMap(finding => (finding.measuredAt ? [finding.measuredAt] : [])).sort();
	return {
		requestsVersion,
		generatedAt: report.generatedAt,
		generator: report.generator,
		training: report.training,
		redacted: report.redacted,
		session: {name: report.session.name, createdAt: report.session.createdAt, updatedAt: report.session.updatedAt},
		...(report.journal.lastHash ? {journal: {entries: report.journal.entries, head: report.journal.lastHash}} : {}),
		runbook: {id: report.runbook.id, version: report.runbook.version, hash: report.runbook.hash},
		...(times.length > 0 ? {measured: {first: times[0]!, last: times.at(-1)!}} : {}),
		siteValues: siteValuesOf(report),
		overridesInForce: report.overrides.length,
		requests: owners.map(owner => requestFor(owner, findings, report)),
	};
}

