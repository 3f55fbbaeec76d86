import {writeFileSync} from 'node:fs';
import path from 'node:path';

type StepYaml = string;

/** Writes a runbook YAML file built from phase and step snippets (and top-level lines); returns its path. */
export function writeRunbook(dir: string, id: string, phases: Array<{id: string; title: string; steps: StepYaml[]}>, header: string[] = []): string {
	const file = path.join(dir, `${id}.yaml`);
	const lines = [`id: ${id}`, `title: ${id} runbook`, 'version: "1"', 'description: written by a UI test', ...header, 'phases:'];
	for (const phase of phases) {
		lines.push(`  - id: ${phase.id}`, `    title: ${phase.title}`, `    body: The ${phase.title} phase.`, '    steps:');
		for (const step of phase.steps) {
			lines.push(`      - ${step}`);
		}
	}

	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

/** A tcp.connect check step against a loopback port. */
export function tcpStep(id: string, title: string, port: number, extra = ''): StepYaml {
	return `{kind: check, id: ${id}, title: ${title}, body: ${title} answers., check: tcp.connect, params: {host: 127.0.0.1, port: ${port}, timeoutMs: 1000}${extra}}`;
}
