import type {Session} from '../../engine/state.js';
import type {Step} from '../../runbook/schema.js';
import {isListInput, startingValue} from './input-values.js';
import {textBuffer} from './text-field.js';
import type {Editor} from './ui-state.js';

/**
The editor a step opens with: none for steps that are not inputs or for frozen inputs, a menu of
options for enums, a list editor for address and network lists (typing at once when empty), and a
text field otherwise, filled with the saved value or the default.
*/
export function editorFor(step: Step, session: Session | undefined): Editor | undefined {
	if (step.kind !== 'input' || session?.inputs[step.name]?.frozen) {
		return undefined;
	}

	if (step.type === 'enum') {
		return {kind: 'menu'};
	}

	const value = startingValue(step, session);
	if (isListInput(step)) {
		const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
		return {
			kind: 'list',
			items,
			selected: 0,
			dirty: false,
			...(items.length === 0 ? {editing: {index: 0, buffer: textBuffer(), isNew: true}} : {}),
		};
	}

	return {kind: 'text', buffer: textBuffer(Array.isArray(value) ? value.join(', ') : value ?? '')};
}
