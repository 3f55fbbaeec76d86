import {cpSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {validateInput} from '../../src/inputs/validate-input.js';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook} from '../../src/runbook/load-runbook.js';
import {StepFileError} from '../../src/runbook/load-errors.js';
import {inputSteps} from '../../src/engine/runbook-index.js';
import {tempDir} from '../helpers/paths.js';
import {random} from '../helpers/seeded-random.js';

const tokens = ['', ':', '- ', '  ', '{', '}', '[', ']', '"', "'", '&a', '*a', '!!binary', 'kind: check', 'id: x', '\t', '#', '---', 'null', '~', '42', 'check: dns.forwrder', '$input: nope'];

function mutate(text: string, next: () => number): string {
	const lines = text.split('\n');
	const pick = () => Math.floor(next() * lines.length);
	const operations = 1 + Math.floor(next() * 3);
	for (let index = 0; index < operations; index++) {
		const line = pick();
		switch (Math.floor(next() * 7)) {
			case 0: {
				lines.splice(line, 1);
				break;
			}

			case 1: {
				lines.splice(line, 0, lines[pick()] ?? '');
				break;
			}

			case 2: {
				lines[line] = ` ${lines[line] ?? ''}`;
				break;
			}

			case 3: {
				const current = lines[line] ?? '';
				const at = Math.floor(next() * (current.length + 1));
				lines[line] = current.slice(0, at) + tokens[Math.floor(next() * tokens.length)]! + current.slice(at);
				break;
			}

			case 4: {
				lines[line] = (lines[line] ?? '').slice(0, Math.floor(next() * (lines[line]?.length ?? 0)));
				break;
			}

			case 5: {
				return lines.slice(0, line).join('\n');
			}

			default: {
				const other = pick();
				[lines[line], lines[other]] = [lines[other] ?? '', lines[line] ?? ''];
			}
		}
	}

	return lines.join('\n');
}

describe('fuzzing the step loader', () => {
	it('1,000 mutations of the embedded runbook: never an uncaught exception, always file:line problems or a valid runbook', () => {
		const original = readFileSync(embeddedRunbookPath(), 'utf8');
		const dir = tempDir();
		// Endpoint lists are referenced relative to the step file: copy them beside the mutated file.
		cpSync(path.join(path.dirname(embeddedRunbookPath()), 'endpoints'), path.join(dir, 'endpoints'), {recursive: true});
		const file = path.join(dir, 'fuzzed.yaml');
		const display = 'steps/fuzzed.yaml';
		let valid = 0;
		let invalid = 0;
		{
			for (let seed = 1; seed <= 1000; seed++) {
				writeFileSync(file, mutate(original, random(seed)));
				try {
					loadRunbook(file, display);
					valid++;
				} catch (error) {
					expect(error, `seed ${seed}: ${String(error)}`).toBeInstanceOf(StepFileError);
					const {problems} = error as StepFileError;
					expect(problems.length, `seed ${seed}`).toBeGreaterThan(0);
					for (const problem of problems) {
						expect(problem.file, `seed ${seed}`).toBe(display);
						expect(problem.line, `seed ${seed}: ${problem.message}`).toBeGreaterThanOrEqual(1);
						expect(problem.message.length, `seed ${seed}`).toBeGreaterThan(0);
					}

					invalid++;
				}
			}
		}

		expect(valid + invalid).toBe(1000);
		expect(invalid).toBeGreaterThan(500);
		// 1,000 full loads of a ~1,800-line runbook: bounded generously so a loaded machine does not fail it.
	}, 900_000);
});

describe('fuzzing the input validators', () => {
	it('random and hostile strings are accepted or refused with a reason, never thrown', () => {
		const loaded = loadRunbook(embeddedRunbookPath());
		const inputs = [...inputSteps(loaded.runbook).values()].map(entry => entry.step);
		const next = random(7);
		const alphabet = '0123456789./:,; -abcxyzABC\u0000\u00e9\u{1F600}\n\t*$%[]{}';
		const samples = ['', ' ', '1.2.3.4', '256.1.1.1', '01.2.3.4', '10.0.0.0/26', '10.0.0.1/26', '10.0.0.0/33', 'a'.repeat(300), '1.2.3.4,'.repeat(50), '::1', 'example.com', '-bad-.com'];
		let count = 0;
		for (const step of inputs) {
			for (let index = 0; index < 150; index++) {
				const length = Math.floor(next() * 40);
				const value = index < samples.length ? samples[index]! : Array.from({length}, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
				const verdict = validateInput(step, value);
				if (verdict.ok) {
					expect(verdict.warnings).toBeInstanceOf(Array);
				} else {
					expect(verdict.reason.length, `${step.name}: ${JSON.stringify(value)}`).toBeGreaterThan(0);
				}

				count++;
			}
		}

		expect(count).toBeGreaterThan(1000);
	});
});
