import type {TextBuffer} from '../state/text-field.js';
import {marks} from '../glyphs.js';

/** The visible part of a text field: the text before the cursor, under it, and after it. */
export type FieldView = {before: string; at: string; after: string};

/**
Fits a field into `width` columns, keeping the cursor in view: a long pasted value scrolls
horizontally, its hidden start shown as the cut mark ("…", "~" in ASCII).
*/
export function fieldView(buffer: TextBuffer, width: number): FieldView {
	const room = Math.max(4, width - 1);
	const {value, cursor} = buffer;
	let start = 0;
	if (cursor > room - 1) {
		start = cursor - (room - 1);
	}

	const visible = value.slice(start, start + room);
	const offset = cursor - start;
	const before = (start > 0 ? marks.cut : '') + visible.slice(start > 0 ? 1 : 0, offset);
	return {before, at: visible[offset] ?? ' ', after: visible.slice(offset + 1)};
}
