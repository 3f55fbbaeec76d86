import {topRoute} from '../state/navigation.js';
import type {UiState} from '../state/ui-state.js';
import CollectScreen from './CollectScreen.js';
import DetailsScreen from './DetailsScreen.js';
import DialogView from './DialogView.js';
import FindingsScreen from './FindingsScreen.js';
import HelpScreen from './HelpScreen.js';
import OverviewScreen from './OverviewScreen.js';
import NetworkScreen from './NetworkScreen.js';
import PhaseScreen from './PhaseScreen.js';
import RecordsScreen from './RecordsScreen.js';
import StartScreen from './StartScreen.js';
import StepScreen from './StepScreen.js';
import WatchScreen from './WatchScreen.js';

type Props = {state: UiState; onChoose: (menu: 'start' | 'enum', value: string) => void};

/** The screen on top of the stack, or the open dialog in its place. */
export default function Screen({state, onChoose}: Props) {
	if (state.dialog) {
		return <DialogView state={state} dialog={state.dialog} />;
	}

	const route = topRoute(state);
	switch (route.screen) {
		case 'start': {
			return <StartScreen state={state} onChoose={value => onChoose('start', value)} />;
		}

		case 'findings': {
			return <FindingsScreen state={state} />;
		}

		case 'overview': {
			return <OverviewScreen state={state} route={route} />;
		}

		case 'phase': {
			return <PhaseScreen state={state} route={route} />;
		}

		case 'step': {
			return <StepScreen state={state} route={route} onChoose={value => onChoose('enum', value)} />;
		}

		case 'details': {
			return <DetailsScreen state={state} route={route} />;
		}

		case 'watch': {
			return <WatchScreen state={state} />;
		}

		case 'help': {
			return <HelpScreen state={state} route={route} />;
		}

		case 'records': {
			return <RecordsScreen state={state} route={route} />;
		}

		case 'network': {
			return <NetworkScreen state={state} route={route} />;
		}

		case 'collect': {
			return <CollectScreen state={state} route={route} />;
		}
	}
}
