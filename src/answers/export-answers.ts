import {stringify} from 'yaml';
import {inputSteps} from '../engine/runbook-index.js';
import type {InputValue, Session} from '../engine/state.js';
import type {Runbook} from '../runbook/schema.js';
import {answerFileVersion, type AnswerFormat} from './answer-file.js';

/** One value in YAML flow style: `[10.0.0.53, 10.0.1.53]`, `"443"`, `azs.contoso.com`. */
function yamlValue(value: InputValue): string {
	return stringify(value, {collectionStyle: 'flow', lineWidth: 0}).trim();
}

/**
The session's inputs as an answer file. YAML is a worksheet to fill in: every input of the runbook
is listed in order with its title and type, values not entered yet commented out (with the example
when the runbook has one). JSON holds the entered values only.
*/
export function exportAnswers(runbook: Runbook, session: Session, format: AnswerFormat, exportedAt: string): string {
	const inputs = [...inputSteps(runbook).values()];
	// Values of a training scenario are made up: the file says so, and importing it into a real session warns.
	const training = session.training ? `scenario ${session.training.scenario}, trainee ${session.training.trainee}` : undefined;
	if (format === 'json') {
		const values = Object.fromEntries(inputs.flatMap(({step}) => {
			const record = session.inputs[step.name];
			return record ? [[step.name, record.value]] : [];
		}));
		return `${JSON.stringify({answerFileVersion, runbook: runbook.id, ...(training ? {training} : {}), exportedAt, inputs: values}, null, 2)}\n`;
	}

	const lines = [
		`# azs-runbook answer file for runbook "${runbook.id}" (${runbook.title}), exported ${exportedAt}.`,
		'# Load it with: azs-runbook inputs import FILE. Every value is checked like a typed value;',
		'# lists may be YAML lists or comma-separated text. Inputs without a value are commented out.',
		`answerFileVersion: ${answerFileVersion}`,
		`runbook: ${yamlValue(runbook.id)}`,
		...(training ? [`training: ${yamlValue(training)}`] : []),
		'inputs:',
	];
	let phaseId: string | undefined;
	for (const {step, phase} of inputs) {
		if (phase.id !== phaseId) {
			lines.push(`  # --- ${phase.title}`);
			phaseId = phase.id;
		}

		const record = session.inputs[step.name];
		lines.push(`  # ${step.title} (${step.type}${step.freeze ? ', frozen when its phase completes' : ''})`);
		lines.push(record ? `  ${step.name}: ${yamlValue(record.value)}` : `  # ${step.name}: ${step.example ?? ''}`.trimEnd());
	}

	return `${lines.join('\n')}\n`;
}
