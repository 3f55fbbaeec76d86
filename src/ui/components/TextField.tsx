import {Text} from './SafeText.js';
import type {TextBuffer} from '../state/text-field.js';
import {fieldView} from '../view/field-view.js';

type Props = {buffer: TextBuffer; width: number; placeholder?: string; prompt?: string};

/** A one-line text field with a visible (inverse) cursor; the placeholder shows while it is empty. */
export default function TextField({buffer, width, placeholder, prompt = '> '}: Props) {
	const view = fieldView(buffer, width - prompt.length);
	return (
		<Text wrap="truncate-end">
			{prompt}
			{view.before}
			<Text inverse>{view.at}</Text>
			{buffer.value.length === 0 && placeholder ? <Text dimColor>{placeholder}</Text> : view.after}
		</Text>
	);
}
