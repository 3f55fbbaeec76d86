import type {ChangeRequest, RequestFinding, RequestRule, Requests} from './build-requests.js';
import {utc} from './describe-step.js';
import {mdCode, mdText} from './markdown-text.js';
import type {SiteValues} from './source-range.js';
import {journalVerifyCommand, type RenderOptions} from './render-options.js';

/*
The change requests as text: Markdown to paste into a ticket or an e-mail, CSV for a spreadsheet.
Every value came from the network or an operator: Markdown escapes it, CSV quotes it and defuses
cells a spreadsheet would run as a formula.
*/

const actionWords: Record<RequestRule['action'], string> = {
	allow: 'allow',
	deny: 'deny',
	'exempt-from-tls-inspection': 'exempt from TLS inspection',
};

/** Evidence rows shown per finding; the JSON keeps them all. */
const evidenceLines = 6;

const siteLabels: Array<[keyof SiteValues, string]> = [
	['dvmAddress', 'DVM address'],
	['hlhAddress', 'HLH address'],
	['bmcNetwork', 'BMC network'],
	['publicVipPool', 'Public VIP pool'],
	['dnsForwarders', 'DNS forwarders'],
	['timeServer', 'Time server'],
	['permittedNetworks', 'Permitted networks'],
	['region', 'Region'],
	['externalDomain', 'External domain'],
];

function siteRows(site: SiteValues): Array<[string, string]> {
	return siteLabels.flatMap(([key, label]) => {
		const value = site[key];
		const shown = Array.isArray(value) ? value.join(', ') : value;
		return shown ? [[label, shown] as [string, string]] : [];
	});
}

function destination(rule: RequestRule): string {
	const names = rule.destination.names.join(', ');
	return names && rule.destination.address ? `${names} (seen at ${rule.destination.address})` : names || rule.destination.address || '';
}

/** `egress-identity` (title), 08:12 UTC, from 10.0.0.5 (DVM): `tcp://…` tcp: 4 attempts, all timed out after 15 s */
function findingLine(finding: RequestFinding): string {
	const when = finding.measuredAt ? `, ${utc(finding.measuredAt)}` : '';
	const from = finding.source ? `, from ${mdCode(finding.source.measured)} (${mdText(finding.source.label)})` : '';
	const rows = finding.evidence.slice(0, evidenceLines).map(row => `${mdCode(row.target)} ${mdText(row.outcome)}`);
	const more = finding.evidence.length > evidenceLines ? ` and ${finding.evidence.length - evidenceLines} more` : '';
	const evidence = rows.length > 0 ? `: ${rows.join('; ')}${more}` : '';
	return `${mdText(finding.stepTitle)} (${mdCode(finding.stepId)})${finding.waived ? ' overridden' : ''}${when}${from}${evidence}`;
}

function renderRequestMd(request: ChangeRequest, requests: Requests): string[] {
	const lines = [`## ${mdText(request.subject)}`, '', `To: the ${mdText(request.ownerLabel)}.`];
	if (request.findings.length === 0 && request.overrides.length === 0) {
		lines.push('', 'Nothing for this team: no failing finding is theirs.');
		return lines;
	}

	if (request.rules.length > 0) {
		lines.push('', '### Rules needed', '', '| # | Action | Source | Destination | Protocol | Port | Observed | Found by | Note |', '|---|---|---|---|---|---|---|---|---|');
		for (const rule of request.rules) {
			lines.push(`| ${rule.id} | ${actionWords[rule.action]} | ${mdCode(rule.source.range)} (${mdText(rule.source.label)}) | ${mdText(destination(rule))} | ${rule.protocol} | ${rule.port} | ${mdText(rule.observed.join(', '))} | ${rule.stepIds.map(id => mdCode(id)).join(', ')} | ${rule.waived ? 'overridden for now: still needed' : ''} |`);
		}
	}

	const byRule = request.findings.filter(finding => finding.ruleId);
	if (byRule.length > 0) {
		lines.push('', '### Evidence per rule', '');
		for (const rule of request.rules) {
			const findings = byRule.filter(finding => finding.ruleId === rule.id);
			lines.push(`- **${rule.id}** ${mdText([...new Set(findings.map(finding => finding.layer))].join('; '))}`);
			for (const finding of findings) {
				lines.push(`  - ${findingLine(finding)}`);
			}
		}
	}

	const loose = request.findings.filter(finding => !finding.ruleId);
	if (loose.length > 0) {
		lines.push('', '### Findings', '');
		for (const finding of loose) {
			lines.push(`- **${mdText(finding.layer)}**${finding.waived ? ' (overridden)' : ''}: ${mdText(finding.summary)}`, `  - ${findingLine(finding)}`);
			if (finding.remediation) {
				lines.push(`  - What to do: ${mdText(finding.remediation)}`);
			}
		}
	}

	if (request.overrides.length > 0) {
		lines.push('', '### Overrides in force', '', 'The deployment went on without these; the findings stand until fixed.', '');
		for (const override of request.overrides) {
			lines.push(`- ${mdText(override.title)} (${mdCode(override.stepId)}): overridden by ${mdText(override.by)}, ${utc(override.at)}: "${mdText(override.reason)}". Waived: ${mdText(override.waived.join('; '))}`);
		}
	}

	if (requests.overridesInForce > request.overrides.length) {
		lines.push('', `${requests.overridesInForce} override${requests.overridesInForce === 1 ? '' : 's'} in force in this session in all.`);
	}

	return lines;
}

/** The journal head the requests rest on: a ticket can be checked against the session's record later. */
function journalRow(requests: Requests, options: RenderOptions): string[] {
	return requests.journal ? [`| Journal head | ${mdCode(`${requests.journal.entries}:${requests.journal.head}`)} (check it with ${mdCode(journalVerifyCommand(requests.journal.entries, requests.journal.head, options))}) |`] : [];
}

/** The change requests as Markdown, one section per team. */
export function renderRequestsMarkdown(requests: Requests, options: RenderOptions = {}): string {
	const lines: string[] = ['# Change requests', ''];
	if (requests.training) {
		lines.push(`> **TRAINING SESSION: not a real deployment.** Scenario ${mdText(requests.training.scenario)}, trainee ${mdText(requests.training.trainee)}.`, '');
	}

	lines.push('| | |', '|---|---|', `| Session | ${mdCode(requests.session.name)} |`, ...journalRow(requests, options), `| Runbook | ${mdCode(requests.runbook.id)} version ${mdText(requests.runbook.version)} (${mdCode(requests.runbook.hash.slice(0, 12))}) |`);
	if (requests.measured) {
		lines.push(`| Measured | ${utc(requests.measured.first)}${requests.measured.last === requests.measured.first ? '' : ` to ${utc(requests.measured.last)}`} |`);
	}

	lines.push(`| Generated | ${utc(requests.generatedAt)} by azs-runbook ${mdText(requests.generator.version)} |`, `| Overrides in force | ${requests.overridesInForce} |`);
	for (const [label, value] of siteRows(requests.siteValues)) {
		lines.push(`| ${label} | ${mdText(value)} |`);
	}

	if (requests.redacted) {
		lines.push('| Redacted | yes: IP addresses, domains and host names are replaced by tokens |');
	}

	if (requests.requests.length === 0) {
		lines.push('', 'No failing finding: no team has anything to change.');
	}

	for (const request of requests.requests) {
		lines.push('', ...renderRequestMd(request, requests));
	}

	return `${lines.join('\n')}\n`;
}

function isControl(character: string): boolean {
	const code = character.codePointAt(0)!;
	return code < 0x20 || (code >= 0x7F && code <= 0x9F);
}

/** One CSV cell: quoted, control characters removed, formula starters defused. */
export function csvCell(value: string | number | undefined): string {
	const text = [...String(value ?? '').replaceAll(/\r?\n/g, ' ')].filter(character => !isControl(character)).join('');
	const safe = /^[=+\-@\t]/.test(text) ? `'${text}` : text;
	return `"${safe.replaceAll('"', '""')}"`;
}

export const csvHeader = ['owner', 'rule', 'action', 'source_range', 'source', 'destination_name', 'destination_address', 'protocol', 'port', 'observed', 'steps', 'findings', 'summary', 'session', 'measured', 'journal_head'];

/**
The change requests as CSV (RFC 4180, CRLF): one row per rule, and one per finding no rule covers.
Overrides are not rows; the Markdown and JSON list them.
*/
export function renderRequestsCsv(requests: Requests): string {
	const measured = requests.measured ? `${requests.measured.first} / ${requests.measured.last}` : '';
	const head = requests.journal ? `${requests.journal.entries}:${requests.journal.head}` : '';
	const rows: Array<Array<string | number | undefined>> = [csvHeader];
	for (const request of requests.requests) {
		for (const rule of request.rules) {
			const summaries = request.findings.filter(finding => finding.ruleId === rule.id).map(finding => finding.layer);
			rows.push([request.owner, rule.id, actionWords[rule.action], rule.source.range, rule.source.label, rule.destination.names.join(' '), rule.destination.address, rule.protocol, rule.port, rule.observed.join(' '), rule.stepIds.join(' '), rule.findingIds.join(' '), [...new Set(summaries)].join('; '), requests.session.name, measured, head]);
		}

		for (const finding of request.findings.filter(candidate => !candidate.ruleId)) {
			rows.push([request.owner, '', '', finding.source?.range, finding.source?.label, finding.destination.name, finding.destination.address, '', '', finding.observed, finding.stepId, finding.id, finding.summary, requests.session.name, measured, head]);
		}
	}

	return `${rows.map(row => row.map(cell => csvCell(cell)).join(',')).join('\r\n')}\r\n`;
}
