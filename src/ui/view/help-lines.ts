import type {StyledLine} from './layout.js';

/** Every key, by where it works: the help screen, and the README's key table (a test keeps them equal). */
export const keySections: Array<[string, Array<[string, string]>]> = [
	['Everywhere', [
		['?', 'this help'],
		['Esc', 'back (in a text field: leave it without saving)'],
		['q, Ctrl+C', 'quit: progress is already saved; prints how to resume'],
	]],
	['Phase overview', [
		['↑ ↓', 'choose a phase'],
		['Enter', 'open its steps'],
		['r', 'run the phase\'s checks'],
		['g', 'go to the step where you are'],
		['l', 'records: the journal, the diff between runs, report commands'],
		['m', 'network: the deployment network, each path with its latest verdict'],
		['c', 'collect: bring other hosts\' results over OpenSSH (the HLH, a workstation…)'],
	]],
	['Phase steps', [
		['↑ ↓, Enter', 'choose and open a step'],
		['r / R', 're-run the chosen check / the whole phase'],
		['d', 'details: evidence and remediation'],
		['o', 'override a failure (needs a reason)'],
		['w', 'watch a failing check until it passes'],
		['n', 'add a note about the chosen step'],
		['s', 'stop running checks'],
	]],
	['A step', [
		['Enter', 'acknowledge an instruction; attest a confirmation; details of a check'],
		['r / R', 'run this check / run the whole phase'],
		['c', 'attest a confirmation (your name and the time are recorded)'],
		['] / [', 'next / previous step'],
		['n', 'add a note (a ticket, a version, what was said): journalled with who, when and the step'],
		['u', 'unfreeze a frozen input (needs a reason)'],
		['PgUp PgDn', 'scroll long text'],
	]],
	['Inputs', [
		['type, Enter', 'a value is checked as you type and saved on Enter'],
		['a, e, d, s', 'lists: add, edit, delete an item; save the list'],
		['Ctrl+U, Ctrl+W', 'clear to the start; delete a word'],
	]],
	['Records', [
		['1 2 3, Tab', 'journal / diff between the last two runs / report commands'],
		['↑ ↓, PgUp PgDn', 'scroll; Home / End: first / newest'],
		['r', 'read the journal again'],
	]],
	['Collect', [
		['↑ ↓', 'choose a vantage (the DVM, the HLH, a workstation, a Public VIP)'],
		['a', 'add or change its host: user@address, or a host alias from your ssh config'],
		['Enter / c', 'collect from the chosen host / from every host listed'],
		['s, Esc, Ctrl+C', 'stop a running collection (hosts that finished are kept)'],
	]],
	['Watch', [
		['r', 'run now instead of waiting'],
		['s, Esc', 'stop watching'],
	]],
];

/** A key only a training session has, listed with the step's keys. */
export const trainingStepKeys: Array<[string, string]> = [
	['h', 'training: show the step\'s next hint (counted for the instructor)'],
	['e', 'training: escalate a check\'s finding to a team (↑↓ choose it; recorded for the instructor)'],
];

/** The help screen's lines: every key, by where it works (the hint key only in a training session). */
export function helpLines(training = false): StyledLine[] {
	return keySections.flatMap(([title, keys], index) => [
		...(index > 0 ? [{text: ''}] : []),
		{text: title, bold: true},
		...(training && title === 'A step' ? [...keys, ...trainingStepKeys] : keys).map(([key, what]) => ({text: `  ${key.padEnd(15)} ${what}`})),
	]);
}
