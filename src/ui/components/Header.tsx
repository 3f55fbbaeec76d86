import {Text} from './SafeText.js';
import type {Session} from '../../engine/state.js';
import {useToneColor} from './Theme.js';

type Props = {session: Session | undefined; title: string};

/**
Session name and runbook; a training session starts with a TRAINING marker in words (first, so a
narrow terminal cuts the title, never the marker).
*/
export default function Header({session, title}: Props) {
	const color = useToneColor();
	const training = session?.training;
	return (
		<Text wrap="truncate-end" bold>
			{/* The trainee's own screen: the scenario's name would give the answer away. */}
			{training && <Text inverse color={color('caution')}>{` TRAINING · trainee ${training.trainee} `}</Text>}
			{training ? ' ' : ''}
			{`azs-runbook · session ${session?.name ?? '(none yet)'} · ${title}`}
		</Text>
	);
}
