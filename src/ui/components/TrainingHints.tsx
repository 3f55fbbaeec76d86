import {Box} from 'ink';
import {wrapText} from '../view/wrap-text.js';
import Line from './Line.js';

type Props = {
	/** The hints of the step the trainee has asked for so far (each one was counted). */
	shown: readonly string[];
	/** How many hints the step has in all. */
	total: number;
	width: number;
	/** How to ask for the next one (the TUI: its key). */
	more: string;
};

/**
Training only: the hints of the step the trainee has asked for, numbered, and how many are left.
Nothing when the step has no hints; the count is what the instructor's summary reports.
*/
export default function TrainingHints({shown, total, width, more}: Props) {
	if (total === 0) {
		return null;
	}

	const left = total - shown.length;
	return (
		<Box flexDirection="column">
			<Line bold tone="caution">{`Hints (${shown.length} of ${total} used${left > 0 ? `; ${left} more: ${more}` : ''})`}</Line>
			{shown.flatMap((hint, index) => wrapText(`${index + 1}. ${hint}`, width).map(text => <Line key={`${index}-${text}`}>{text}</Line>))}
		</Box>
	);
}
