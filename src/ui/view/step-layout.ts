import type {Step} from '../../runbook/schema.js';
import type {Editor} from '../state/ui-state.js';
import {bodyHeight} from './layout.js';

/** Lines for the list editor's items; the rest of its block is label, draft and verdict. */
export const listItemRows = 5;
/** Options a menu shows at once. */
export const menuRows = 5;

/** Lines an editor takes at the bottom of the step view; fixed so the text above never jumps. */
export function editorHeight(editor: Editor | undefined, step: Step): number {
	if (!editor) {
		return 0;
	}

	switch (editor.kind) {
		case 'text': {
			return 4;
		}

		case 'list': {
			return listItemRows + 3;
		}

		case 'menu': {
			const options = step.kind === 'input' ? (step.rules?.options?.length ?? 0) : 0;
			return Math.min(options, menuRows) + 2;
		}
	}
}

/** Lines left for the step's text (state, body, why…) above its editor and a training session's hints. */
export function stepTextHeight(rows: number, editor: Editor | undefined, step: Step, hintLines = 0): number {
	const editorLines = editorHeight(editor, step);
	return Math.max(2, bodyHeight(rows) - 1 - editorLines - (editorLines > 0 ? 1 : 0) - hintLines);
}
