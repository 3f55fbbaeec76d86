import {describe, expect, it} from 'vitest';
import {loadText, problemsOf} from './step-file-helpers.js';

const runbook = (argv: string) => [
	'id: shells', 'title: Shells', 'version: "1"', 'description: d', 'phases:',
	'  - id: p', '    title: P', '    body: b', '    steps:',
	'      - {kind: input, id: enter-note, title: Note, body: b, name: note, type: text}',
	'      - {kind: input, id: enter-host, title: Host, body: b, name: host, type: ipv4-or-fqdn}',
	`      - {kind: command, id: run-it, title: Run, body: b, argv: ${argv}}`,
	'',
].join('\n');

/* powershell.exe -Command and cmd.exe /c parse what follows as code: a value there would run. */
describe('input values after a shell\'s code flag', () => {
	it.each([
		['powershell.exe -Command', '[powershell.exe, -NoProfile, -Command, Write-Output, {$input: note}]', 4],
		['pwsh -c (a prefix of -Command)', '[pwsh, -c, {$input: note}]', 2],
		['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -EncodedCommand', '[\'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\', -EncodedCommand, {$input: note}]', 2],
		['cmd.exe /c', '[cmd.exe, /c, echo, {$input: note}]', 3],
	])('%s with a text input is refused at its file:line', (_name, argv, index) => {
		const problems = problemsOf(runbook(argv));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({file: 'runbook.yaml', line: 12, path: `phases[0].steps[2].argv[${index}]`});
		expect(problems[0]!.message).toMatch(/^input "note" \(text\) comes after .*runs the text as code: pass it as a script parameter instead \(-File script\.ps1 \{\$input: note\}\)/);
	});

	it('allows address and name inputs after -Command, any input after -File, and inputs before the code flag', () => {
		expect(() => loadText(runbook('[powershell.exe, -Command, Test-Connection, {$input: host}]'))).not.toThrow();
		expect(() => loadText(runbook('[powershell.exe, -File, check.ps1, {$input: note}]'))).not.toThrow();
		expect(() => loadText(runbook('[node, -e, "console.log(1)", {$input: note}]'))).not.toThrow();
	});
});
