import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {locateStep} from '../../src/engine/runbook-index.js';
import Header from '../../src/ui/components/Header.js';
import {ThemeContext} from '../../src/ui/components/Theme.js';
import TrainingHints from '../../src/ui/components/TrainingHints.js';
import {hintsOf, shownHints} from '../../src/training/hints.js';
import {startTraining} from '../../src/training/start-training.js';
import {plain, press, keys, waitForText} from '../ui/helpers/ink-keys.js';
import {mountApp} from '../ui/helpers/mount-app.js';
import {embeddedRunbook, shipped, stateDirs} from './helpers.js';

const loaded = embeddedRunbook();

describe('the TUI on a training session', () => {
	it('marks the session TRAINING in the header of the real app', async () => {
		const {trainingDir} = stateDirs();
		startTraining({loaded, trainingDir, scenario: shipped('ntp-two-hours-off'), trainee: 'bob', session: 'drill', operator: 'instructor'}).opened.store.close();
		const app = mountApp({runbook: embeddedRunbookPath(), stateDir: trainingDir, session: 'drill', size: {columns: 100, rows: 30}});
		await waitForText(app, 'Resume [TRAINING] drill');
		await press(app, keys.enter);
		const frame = await waitForText(app, 'Before you start · instruction');
		expect(frame.split('\n')[0]).toMatch(/^ TRAINING · trainee bob {2}azs-runbook · session drill/);
	});

	it('shows the hints the trainee asked for, numbered, with how many are left', () => {
		const {trainingDir} = stateDirs();
		const scenario = shipped('ntp-two-hours-off');
		const {opened} = startTraining({loaded, trainingDir, scenario, trainee: 'bob', session: 'drill', operator: 'instructor'});
		opened.controller.dispatch({type: 'hint.shown', stepId: 'egress-ntp', hint: 1});
		const session = opened.controller.session;
		opened.store.close();
		const step = locateStep(loaded.runbook, 'egress-ntp')!.step;
		const app = render(
			<ThemeContext.Provider value={{color: false}}>
				<Box flexDirection="column" width={100}>
					<Header session={session} title="DVM egress" />
					<TrainingHints shown={shownHints(session, step, scenario.scenario)} total={hintsOf(step, scenario.scenario).length} width={100} more="press h" />
				</Box>
			</ThemeContext.Provider>,
		);
		const lines = plain(app.lastFrame()).split('\n');
		app.unmount();
		expect(lines).toEqual([
			' TRAINING · trainee bob  azs-runbook · session drill · DVM egress',
			'Hints (1 of 2 used; 1 more: press h)',
			'1. The server answered. How far is it from this host\'s clock?',
		]);
	});

	it('shows nothing for a step without hints', () => {
		const app = render(<TrainingHints shown={[]} total={0} width={80} more="press h" />);
		expect(plain(app.lastFrame())).toBe('');
		app.unmount();
	});
});
