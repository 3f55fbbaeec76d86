import {splitList, validateInput} from '../../inputs/validate-input.js';
import {locateStep} from '../../engine/runbook-index.js';
import type {InputStep} from '../../runbook/schema.js';
import {editorFor} from './editor.js';
import {withEffect, withNotice} from './effects.js';
import {otherInputs, itemRulesOnly} from './input-values.js';
import type {KeyPress} from './keys.js';
import {replaceTop, topRoute} from './navigation.js';
import {editText, textBuffer} from './text-field.js';
import type {Dialog, Editor, Route, UiState} from './ui-state.js';

type StepRoute = Extract<Route, {screen: 'step'}>;
type ListEditor = Extract<Editor, {kind: 'list'}>;

/** Validates and, when valid, saves a value through the engine; a refusal stays inline. */
export function saveValue(state: UiState, route: StepRoute, step: InputStep, raw: string | string[]): UiState {
	const verdict = validateInput(step, raw, otherInputs(state.session));
	if (!verdict.ok) {
		return replaceTop(state, {...route, editor: route.editor && {...route.editor, refused: verdict.reason}});
	}

	const shown = Array.isArray(verdict.value) ? verdict.value.join(', ') : verdict.value;
	const warnings = verdict.warnings.length > 0 ? ` (warning: ${verdict.warnings.join('; ')})` : '';
	return withEffect(state, {
		type: 'engine',
		action: {type: 'input.set', name: step.name, value: verdict.value},
		advanceFrom: step.id,
		success: `saved ${step.title}: ${shown || '(empty)'}${warnings}`,
	});
}

/** Keys for a single-value text field: everything printable is typed, Enter saves. */
export function textEditorKey(state: UiState, route: StepRoute, step: InputStep, key: KeyPress): UiState | undefined {
	const editor = route.editor;
	if (editor?.kind !== 'text') {
		return undefined;
	}

	if (key.enter) {
		return saveValue(state, route, step, editor.buffer.value);
	}

	const buffer = editText(editor.buffer, key);
	return buffer ? replaceTop(state, {...route, editor: {...editor, buffer, refused: undefined}}) : undefined;
}

/** Commits the item being edited; a pasted "a, b c" adds each entry. Refused inline with the reason. */
function commitItem(state: UiState, route: StepRoute, step: InputStep, editor: ListEditor): UiState {
	const editing = editor.editing!;
	const entries = splitList(editing.buffer.value);
	const rest = editor.items.filter((_, index) => index !== editing.index || editing.isNew);
	if (entries.length === 0) {
		return replaceTop(state, {...route, editor: {...editor, editing: undefined, refused: undefined, items: editing.isNew ? editor.items : rest, dirty: editor.dirty || !editing.isNew}});
	}

	const items = [...rest.slice(0, editing.index), ...entries, ...rest.slice(editing.index)];
	const verdict = validateInput(itemRulesOnly(step), items, otherInputs(state.session));
	if (!verdict.ok) {
		return replaceTop(state, {...route, editor: {...editor, refused: verdict.reason}});
	}

	return replaceTop(state, {...route, editor: {...editor, items, selected: editing.index + entries.length - 1, editing: undefined, refused: undefined, dirty: true}});
}

/** Keys for a list: a add, e or Enter edit, d delete, s save; while an item is edited it has the keys. */
export function listEditorKey(state: UiState, route: StepRoute, step: InputStep, key: KeyPress): UiState | undefined {
	const editor = route.editor;
	if (editor?.kind !== 'list') {
		return undefined;
	}

	const update = (next: Partial<ListEditor>) => replaceTop(state, {...route, editor: {...editor, ...next}});
	if (editor.editing) {
		if (key.enter) {
			return commitItem(state, route, step, editor);
		}

		if (key.escape) {
			return update({editing: undefined, refused: undefined});
		}

		const buffer = editText(editor.editing.buffer, key);
		return buffer ? update({editing: {...editor.editing, buffer}, refused: undefined}) : state;
	}

	const count = editor.items.length;
	if (key.up || key.down) {
		return update({selected: Math.min(Math.max(0, editor.selected + (key.up ? -1 : 1)), Math.max(0, count - 1))});
	}

	if (key.text === 'a' || (key.enter && count === 0)) {
		return update({editing: {index: count, buffer: textBuffer(), isNew: true}, refused: undefined});
	}

	if ((key.text === 'e' || key.enter) && count > 0) {
		return update({editing: {index: editor.selected, buffer: textBuffer(editor.items[editor.selected] ?? ''), isNew: false}, refused: undefined});
	}

	if ((key.text === 'd' || key.erase) && count > 0) {
		const items = editor.items.filter((_, index) => index !== editor.selected);
		return update({items, selected: Math.min(editor.selected, Math.max(0, items.length - 1)), dirty: true, refused: undefined});
	}

	if (key.text === 's') {
		return saveValue(state, route, step, editor.items);
	}

	// Leaving with unsaved items asks first; nothing typed is thrown away by one key.
	if (editor.dirty && (key.escape || ['q', ']', '['].includes(key.text))) {
		return {...state, dialog: {kind: 'unsaved', stepId: step.id, leave: key}};
	}

	return undefined;
}

/**
Keys of the unsaved-list dialog: s saves the list, d discards the changes and then does what the
key that opened the dialog meant (go back, quit, next or previous step), Esc keeps editing.
`replay` is handleKey, passed in so this module does not import it.
*/
export function unsavedListKey(state: UiState, dialog: Extract<Dialog, {kind: 'unsaved'}>, key: KeyPress, replay: (state: UiState, key: KeyPress) => UiState): UiState {
	const closed = {...state, dialog: undefined};
	const route = topRoute(closed);
	const step = locateStep(state.runbook, dialog.stepId)?.step;
	if (key.escape || route.screen !== 'step' || route.editor?.kind !== 'list' || step?.kind !== 'input') {
		return closed;
	}

	if (key.text === 's') {
		return saveValue(closed, route, step, route.editor.items);
	}

	if (key.text === 'd') {
		const discarded = replaceTop(closed, {...route, editor: editorFor(step, closed.session)});
		return withNotice(replay(discarded, dialog.leave), 'info', `unsaved changes to ${step.title} discarded`);
	}

	return state;
}
