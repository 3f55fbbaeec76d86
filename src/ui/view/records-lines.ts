import type {RecordsState, RecordsTab, UiState} from '../state/ui-state.js';
import type {StyledLine} from './layout.js';
import {lineWidth} from './layout.js';
import {wrapText} from './wrap-text.js';

export const recordsTabs: Array<{tab: RecordsTab; key: string; title: string}> = [
	{tab: 'journal', key: '1', title: 'Journal'},
	{tab: 'diff', key: '2', title: 'Diff'},
	{tab: 'reports', key: '3', title: 'Reports'},
];

/** The tab bar: "[1 Journal]  2 Diff  3 Reports". */
export function recordsTabBar(tab: RecordsTab): string {
	return recordsTabs.map(entry => (entry.tab === tab ? `[${entry.key} ${entry.title}]` : ` ${entry.key} ${entry.title} `)).join(' ');
}

/** The commands that write this session's reports, from its command prefix. */
export function reportCommands(command: string): Array<[string, string]> {
	return [
		['Markdown report', `${command} report --format md --out report.md`],
		['JUnit XML (for CI)', `${command} report --format junit --out report.xml`],
		['JSON (schemas/report.schema.json)', `${command} report --format json --out report.json`],
		['Hand-over for the next shift', `${command} handover --out handover.md`],
		['The journal in full', `${command} journal --all`],
		['Verify the journal\'s hash chain', `${command} journal verify`],
		['The diff as JSON', `${command} diff --json`],
	];
}

function rawLines(records: RecordsState, tab: RecordsTab): StyledLine[] {
	switch (tab) {
		case 'journal': {
			return records.journal.length > 0 ? records.journal.map(text => ({text})) : [{text: 'The journal is empty.'}];
		}

		case 'diff': {
			return records.diff.map(text => ({text}));
		}

		case 'reports': {
			return [
				{text: 'Run these in another terminal (add --redact to mask secrets):'},
				...reportCommands(records.command).flatMap(([what, command]) => [{text: ''}, {text: what, bold: true}, {text: `  ${command}`}]),
			];
		}
	}
}

/** The records screen's body for a tab, wrapped to the width (commands stay copyable: wrapped, not cut). */
export function recordsLines(state: UiState, tab: RecordsTab): StyledLine[] {
	const {records} = state;
	if (!records || records.loading) {
		return [{text: 'Reading the journal…'}];
	}

	if (records.error) {
		return [{text: `Could not read the journal: ${records.error}`, tone: 'bad'}];
	}

	const width = lineWidth(state.size.columns);
	return rawLines(records, tab).flatMap(line => {
		const indent = /^\s*/.exec(line.text)?.[0] ?? '';
		const hanging = `${indent}  `;
		return line.text === '' ? [line] : wrapText(line.text, width, hanging).map((text, index) => ({...line, text: index === 0 ? indent + text.slice(hanging.length) : text}));
	});
}
