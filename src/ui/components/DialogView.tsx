import {Box} from 'ink';
import {sessionStep} from '../../engine/applicability.js';
import {locateStep} from '../../engine/runbook-index.js';
import type {StepState} from '../../engine/state.js';
import type {Dialog, UiState} from '../state/ui-state.js';
import {wrapText} from '../view/wrap-text.js';
import Line from './Line.js';
import TextField from './TextField.js';
import {marks} from '../glyphs.js';
import {fixOwners} from '../../training/scenario-schema.js';

type Props = {state: UiState; dialog: Dialog};

/** A step's state as the start of a sentence ("It is failed" read as careless). */
const stateSentence: Record<StepState, string> = {
	pending: 'This step has not run yet',
	running: 'This step is running',
	passed: 'This step passed',
	warned: 'This step passed with a warning',
	failed: 'This step failed',
	error: 'This step could not complete (error)',
	skipped: 'This step was skipped',
	overridden: 'This step is already overridden',
	done: 'This step is done',
};

/**
The modal dialogs: override (a reason is required), not overridable (why), attest (who is shown
before anyone agrees; the time is the journal's, shown once recorded), unfreeze (a reason is required),
unsaved list changes (save, discard or keep editing).
*/
export default function DialogView({state, dialog}: Props) {
	const width = state.size.columns;
	const found = locateStep(state.runbook, dialog.stepId)?.step;
	const step = found && state.session ? sessionStep(state.session, found) : found;
	const title = step ? `${step.title} (${step.id})` : dialog.stepId;
	const wrapped = (text: string, tone?: 'bad' | 'caution') => wrapText(text, width).map((line, index) => <Line key={`${text.length}-${index}`} tone={tone}>{line}</Line>);
	switch (dialog.kind) {
		case 'override': {
			const record = state.session?.steps[dialog.stepId];
			return (
				<Box flexDirection="column">
					<Line bold>{`Override: ${title}`}</Line>
					{wrapped(`${stateSentence[record?.state ?? 'pending']}${record?.result ? `: ${record.result.summary}` : ''}. An override lets the phase gate open anyway; it is recorded with your name (${state.operator}), the time and your reason.`)}
					<Line bold>Reason (required):</Line>
					<TextField buffer={dialog.buffer} width={width} placeholder="why it is safe to go on, e.g. the customer accepts the risk, ticket 1234" />
					{dialog.refused ? wrapped(`${marks.fail} ${dialog.refused}`, 'bad') : <Line> </Line>}
				</Box>
			);
		}

		case 'not-overridable': {
			return (
				<Box flexDirection="column">
					<Line bold>{`Cannot override: ${title}`}</Line>
					{wrapped(`This step cannot be overridden: ${dialog.reason}`, 'caution')}
					<Line> </Line>
					<Line>Fix the cause and run it again. Enter or Esc closes.</Line>
				</Box>
			);
		}

		case 'attest': {
			const attestation = step?.kind === 'confirm' ? step.attestation : '';
			return (
				<Box flexDirection="column">
					<Line bold>{`Attest: ${title}`}</Line>
					{wrapped(`"${attestation}"`)}
					<Line> </Line>
					{wrapped(`Recorded as attested by ${state.operator}, with the time you press y.`)}
					<Line bold>y attests · Esc cancels</Line>
				</Box>
			);
		}

		case 'note': {
			return (
				<Box flexDirection="column">
					<Line bold>{`Note on: ${title}`}</Line>
					{wrapped(`Recorded in the journal with your name (${state.operator}) and the time; shown on this step, in the hand-over and the reports.`)}
					<TextField buffer={dialog.buffer} width={width} placeholder="e.g. firewall ticket INC-4711; toolkit 1.2405.1; customer: proxy goes Monday" />
					{dialog.refused ? wrapped(`${marks.fail} ${dialog.refused}`, 'bad') : <Line> </Line>}
				</Box>
			);
		}

		case 'escalate': {
			return (
				<Box flexDirection="column">
					<Line bold>{`Escalate: ${title}`}</Line>
					{wrapped('Hand the finding to the team that must fix it, as you would on site (a ticket, a call). Recorded for the instructor.')}
					{fixOwners.map((owner, index) => <Line key={owner} bold={index === dialog.team}>{`${index === dialog.team ? '›' : ' '} ${owner}`}</Line>)}
					<Line bold>Note (optional):</Line>
					<TextField buffer={dialog.buffer} width={width} placeholder="what you told them, e.g. ticket 1234" />
				</Box>
			);
		}

		case 'unsaved': {
			const route = state.routes.at(-1);
			const items = route?.screen === 'step' && route.editor?.kind === 'list' ? route.editor.items : [];
			return (
				<Box flexDirection="column">
					<Line bold>{`Unsaved changes: ${title}`}</Line>
					{wrapped(`The list now reads ${items.length === 0 ? '(empty)' : items.join(', ')} and is not saved.`, 'caution')}
					<Line> </Line>
					<Line bold>s saves it · d discards the changes · Esc keeps editing</Line>
				</Box>
			);
		}

		case 'unfreeze': {
			return (
				<Box flexDirection="column">
					<Line bold>{`Unfreeze: ${dialog.inputName}`}</Line>
					{wrapped('Frozen values are embedded in switch ACLs; changing one means reconfiguring every switch, and every result that used it must re-run.', 'caution')}
					<Line bold>Reason (required):</Line>
					<TextField buffer={dialog.buffer} width={width} />
					{dialog.refused ? wrapped(`${marks.fail} ${dialog.refused}`, 'bad') : <Line> </Line>}
				</Box>
			);
		}
	}
}
