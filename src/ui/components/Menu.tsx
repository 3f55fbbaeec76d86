import {Box, useStdin} from 'ink';
import SelectInput from 'ink-select-input';
import Line from './Line.js';

type Item = {label: string; value: string};
type Props = {items: Item[]; onSelect: (value: string) => void; limit?: number; initialIndex?: number};

/** Never shrinks: when a long label is cut to a narrow terminal, the pointer keeps its space ("› Resume", not "›Resume"). */
function Indicator({isSelected = false}: {isSelected?: boolean}) {
	return (
		<Box flexShrink={0} width={2}>
			<Line bold>{isSelected ? '›' : ' '}</Line>
		</Box>
	);
}

function Entry({label, isSelected = false}: {label: string; isSelected?: boolean}) {
	return <Line bold={isSelected}>{label}</Line>;
}

/**
A menu (ink-select-input) with a "›" pointer and bold for the choice, never colour alone. It
listens to keys only where raw mode works: isRawModeSupported is undefined on a pipe.
*/
export default function Menu({items, onSelect, limit, initialIndex}: Props) {
	const {isRawModeSupported} = useStdin();
	return (
		<SelectInput
			items={items}
			isFocused={isRawModeSupported === true}
			limit={limit}
			initialIndex={initialIndex}
			indicatorComponent={Indicator}
			itemComponent={Entry}
			onSelect={item => {
				if (item) {
					onSelect(item.value);
				}
			}}
		/>
	);
}
