import {Box} from 'ink';
import type {InputVerdict} from '../../inputs/validate-input.js';
import {truncate, wrapText} from '../view/wrap-text.js';
import Line from './Line.js';
import {marks} from '../glyphs.js';

type Props = {verdict: InputVerdict | undefined; refused?: string; width: number; lines?: number};

/**
What validation says about the value being typed: the reason it would be refused, or its warnings,
or that it is valid. A refusal after Enter says "not saved". Kept to a fixed number of lines.
*/
export default function Verdict({verdict, refused, width, lines = 2}: Props) {
	let text: string;
	let tone: 'bad' | 'caution' | 'good';
	if (refused) {
		text = `${marks.fail} not saved: ${refused}`;
		tone = 'bad';
	} else if (!verdict) {
		text = '';
		tone = 'good';
	} else if (!verdict.ok) {
		text = `${marks.fail} ${verdict.reason}`;
		tone = 'bad';
	} else if (verdict.warnings.length > 0) {
		text = `! accepted with a warning: ${verdict.warnings.join('; ')}`;
		tone = 'caution';
	} else {
		text = `${marks.ok} valid`;
		tone = 'good';
	}

	const wrapped = wrapText(text, width);
	const shown = wrapped.slice(0, lines);
	if (wrapped.length > lines) {
		shown[lines - 1] = truncate(`${shown[lines - 1]!} ${wrapped.slice(lines).join(' ')}`, width);
	}

	return (
		<Box flexDirection="column" height={lines}>
			{shown.map((line, index) => (
				<Line key={index} tone={tone}>{line}</Line>
			))}
		</Box>
	);
}
