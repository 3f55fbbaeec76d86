import {Text} from './SafeText.js';
import type {ReactNode} from 'react';
import type {Tone} from '../view/step-summary.js';
import {useToneColor} from './Theme.js';

type Props = {
	children: ReactNode;
	tone?: Tone;
	bold?: boolean;
	inverse?: boolean;
	dim?: boolean;
};

/** One screen line, cut to the width with "…" instead of wrapping: nothing spills past the edge. */
export default function Line({children, tone, bold, inverse, dim}: Props) {
	const color = useToneColor();
	return (
		<Text wrap="truncate-end" color={color(tone)} bold={bold} inverse={inverse} dimColor={dim}>
			{children}
		</Text>
	);
}
