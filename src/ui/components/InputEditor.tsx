import {Box} from 'ink';
import type {Session} from '../../engine/state.js';
import type {InputStep} from '../../runbook/schema.js';
import type {Editor} from '../state/ui-state.js';
import {editorView} from '../view/editor-view.js';
import {listItemRows, menuRows} from '../view/step-layout.js';
import {windowLines} from '../view/window-lines.js';
import Line from './Line.js';
import Menu from './Menu.js';
import TextField from './TextField.js';
import Verdict from './Verdict.js';

type Props = {
	step: InputStep;
	editor: Editor;
	session: Session | undefined;
	width: number;
	onChoose: (value: string) => void;
};

function ListItems({editor, width}: {editor: Extract<Editor, {kind: 'list'}>; width: number}) {
	const rows = editor.items.map((item, index) => ({item, index}));
	if (editor.editing?.isNew) {
		rows.push({item: '', index: editor.items.length});
	}

	const focus = editor.editing ? editor.editing.index : editor.selected;
	const view = windowLines(rows, listItemRows, focus);
	return (
		<Box flexDirection="column" height={listItemRows}>
			{view.hiddenAbove > 0 && <Line dim>{`  ↑ ${view.hiddenAbove} more`}</Line>}
			{rows.length === 0 && <Line dim>  (no items yet: a adds one)</Line>}
			{view.items.map(({item, index}) => {
				const pointer = !editor.editing && index === editor.selected ? '› ' : '  ';
				return editor.editing?.index === index ? (
					<TextField key={index} buffer={editor.editing.buffer} width={width} prompt={`  ${String(index + 1).padStart(2)}. `} placeholder="address, or several separated by commas" />
				) : (
					<Line key={index} bold={pointer !== '  '}>{`${pointer}${String(index + 1).padStart(2)}. ${item}`}</Line>
				);
			})}
			{view.hiddenBelow > 0 && <Line dim>{`  ↓ ${view.hiddenBelow} more`}</Line>}
		</Box>
	);
}

/** The editor of an input step: a text field, a list edited item by item, or a menu of options. */
export default function InputEditor({step, editor, session, width, onChoose}: Props) {
	const view = editorView(step, editor, session);
	switch (editor.kind) {
		case 'text': {
			return (
				<Box flexDirection="column">
					<Line bold>{`Value (${step.type}) — type it, Enter saves:`}</Line>
					<TextField buffer={editor.buffer} width={width} placeholder={step.example ? `e.g. ${step.example}` : undefined} />
					<Verdict verdict={view.draft} refused={editor.refused} width={width} />
				</Box>
			);
		}

		case 'list': {
			const label = editor.editing ? 'Editing an item — Enter keeps it, Esc cancels:' : `Items (${step.type}) — a add · e edit · d delete · s save:`;
			return (
				<Box flexDirection="column">
					<Line bold>{`${label}${editor.dirty ? '  [unsaved]' : ''}`}</Line>
					<ListItems editor={editor} width={width} />
					<Verdict verdict={editor.editing ? view.draft : view.list} refused={editor.refused} width={width} />
				</Box>
			);
		}

		case 'menu': {
			const options = step.rules?.options ?? [];
			const current = session?.inputs[step.name]?.value;
			const index = Math.max(0, options.findIndex(option => option === current));
			return (
				<Box flexDirection="column">
					<Line bold>Choose one — ↑ ↓ and Enter:</Line>
					<Menu items={options.map(option => ({label: option === current ? `${option} (saved)` : option, value: option}))} onSelect={onChoose} limit={menuRows} initialIndex={index} />
					<Verdict verdict={undefined} refused={editor.refused} width={width} lines={1} />
				</Box>
			);
		}
	}
}
