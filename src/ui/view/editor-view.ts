import type {Session} from '../../engine/state.js';
import {splitList, validateInput, type InputVerdict} from '../../inputs/validate-input.js';
import type {InputStep} from '../../runbook/schema.js';
import {itemRulesOnly, otherInputs} from '../state/input-values.js';
import type {Editor} from '../state/ui-state.js';

/** What an input editor shows besides the typed text: validation as you type. */
export type EditorView = {
	/** The verdict on the value being typed (text) or the item being edited (list). */
	draft?: InputVerdict;
	/** Lists: the verdict on the whole list as it would be saved. */
	list?: InputVerdict;
};

/**
Validation as you type, through the same validateInput the engine and CLI use. A list item is
judged with the other items (duplicates, overlaps) but not on the count, which only matters on save.
*/
export function editorView(step: InputStep, editor: Editor, session: Session | undefined): EditorView {
	const others = otherInputs(session);
	switch (editor.kind) {
		case 'text': {
			return editor.buffer.value.length > 0 ? {draft: validateInput(step, editor.buffer.value, others)} : {};
		}

		case 'list': {
			const list = validateInput(step, editor.items, others);
			const {editing} = editor;
			if (!editing || splitList(editing.buffer.value).length === 0) {
				return {list};
			}

			const rest = editor.items.filter((_, index) => index !== editing.index || editing.isNew);
			const candidate = [...rest.slice(0, editing.index), ...splitList(editing.buffer.value), ...rest.slice(editing.index)];
			return {list, draft: validateInput(itemRulesOnly(step), candidate, others)};
		}

		case 'menu': {
			return {};
		}
	}
}
